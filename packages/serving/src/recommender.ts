import { createEngine, type RankedMovies, type ServingEngine } from './engine';
import { ServingError } from './errors';
import { explain, genreTaste, popularReason } from './explain';
import {
  resolveCount,
  resolveRecommendOptions,
  resolveServingOptions,
  resolveSimilarBy,
  type ServingOptions,
} from './options';
import type { RecommenderParts } from './parts';
import { PREFETCH_USERS } from './prefetch';
import { similarMovies } from './similar';
import { buildTitleIndex, searchTitles, type TitleIndex } from './title-search';
import type {
  MovieSummary,
  NewUserRating,
  Predictions,
  RecommendationItem,
  Recommendations,
  Recommender,
  RecommendOptions,
  SimilarBy,
  UserHistory,
} from './types';
import { genreMeans, globalMean, type HistoryContext, userHistory } from './user-history';
import { knownUserView, newUserView, type UserView } from './user-view';

/**
 * A `Recommender` over parts held in memory (the study's, or a loaded bundle's). Catalogue
 * statistics, popularity and similarity norms are computed here once; every request then works on
 * typed arrays of catalogue size. See the package README for the two-stage recommend and the
 * hybrid formula.
 *
 * @example
 * const recommender = createRecommender(parts);
 * recommender.recommend(42, { n: 10, strategy: 'hybrid', genres: ['Sci-Fi'] });
 */
export function createRecommender(parts: RecommenderParts, options: ServingOptions = {}): Recommender {
  const engine = createEngine(parts, resolveServingOptions(parts, options));
  const context: Context = { parts, engine, titles: null, history: null };
  const recommender: Recommender = {
    info: parts.info,
    serving: engine.options,
    recommend: (userId, options = {}) =>
      recommendFor(
        context,
        'recommend',
        knownUserView(parts, userIndex(context, 'recommend', userId)),
        options,
      ),
    recommendMany: (userIds, options = {}) => recommendMany(context, userIds, options),
    recommendForRatings(ratings, options = {}) {
      const movies = resolveNewRatings(parts.catalog.ids.indexOf, ratings);
      return recommendFor(context, 'recommendForRatings', newUserView(parts, ratings, movies), options);
    },
    similar: (movieId, options = {}) => similar(context, movieId, options),
    predict: (userId, movieIds) => predict(context, userId, movieIds),
    searchMovies: (query, options = {}) => searchMovies(context, query, options),
    movie(movieId) {
      const m = parts.catalog.ids.indexOf(movieId);
      return m < 0 ? null : summary(context, m);
    },
    userHistory: (userId, options = {}) => history(context, userId, options),
    warmUp: () => warmUp(recommender, context),
    dispose() {
      parts.classifier.dispose?.();
    },
  };
  return recommender;
}

/** What every request of one recommender reads, plus the two indexes built on first use. */
interface Context {
  readonly parts: RecommenderParts;
  readonly engine: ServingEngine;
  titles: TitleIndex | null;
  history: HistoryContext | null;
}

function movieIndex({ parts, engine }: Context, where: string, movieId: number): number {
  const m = parts.catalog.ids.indexOf(movieId);
  if (m < 0) {
    throw new ServingError(
      'unknown-movie',
      `${where}: unknown movie ${movieId}; it is not in the catalog of ${engine.nMovies} movies`,
    );
  }
  return m;
}

function userIndex({ parts: { users } }: Context, where: string, userId: number): number {
  const u = users.indexOf(userId);
  if (u < 0) {
    throw new ServingError(
      'unknown-user',
      `${where}: unknown user ${userId}; the model knows ${users.size} users` +
        (users.size > 0 ? ` (ids ${users.ids[0]} to ${users.ids[users.size - 1]})` : '') +
        '. For someone new, use recommendForRatings with a few of their ratings',
    );
  }
  return u;
}

function summary({ parts, engine }: Context, m: number): MovieSummary {
  const movie = parts.catalog.movies[m]!;
  const count = engine.stats.count[m]!;
  return {
    movieId: movie.movieId,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    imdbId: movie.imdbId,
    tmdbId: movie.tmdbId,
    ratingCount: count,
    meanRating: count === 0 ? null : Math.round(engine.stats.mean[m]! * 100) / 100,
  };
}

function item({ parts }: Context, m: number, score: number, reason: string): RecommendationItem {
  const movie = parts.catalog.movies[m]!;
  return {
    movieId: movie.movieId,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    score,
    reason,
  };
}

/** The ranked movies as items, each with the reason it was picked for this user. */
function dress(context: Context, view: UserView, ranked: RankedMovies): RecommendationItem[] {
  const { engine } = context;
  const taste = genreTaste(context.parts.catalog, view);
  return Array.from(ranked.movies, (m, j) =>
    item(context, m, ranked.scores[j]!, explain(engine.explainContext, view, taste, m, ranked.sources[j]!)),
  );
}

function recommendFor(
  context: Context,
  where: string,
  view: UserView,
  options: RecommendOptions,
): Recommendations {
  const { engine } = context;
  const request = resolveRecommendOptions(where, context.parts.catalog.genreNames, options, engine.options);
  if (view.movies.length === 0) {
    return popularList(engine, request.n, engine.eligibility(view, request), (m, score, reason) =>
      item(context, m, score, reason),
    );
  }
  return {
    items: dress(context, view, engine.rank(view, request)),
    strategy: request.strategy,
    fallback: false,
  };
}

/** From this many users, recommendMany scores the next block on a worker thread (its start-up pays off). */
const PIPELINE_MIN_USERS = 4096;

/** Users in groups of PREFETCH_USERS, each group's scores fetched together before it is ranked. */
function* recommendMany(
  context: Context,
  userIds: ArrayLike<number>,
  options: RecommendOptions,
): Generator<{ userId: number; recommendations: Recommendations }> {
  const { parts, engine } = context;
  const { strategy } = resolveRecommendOptions(
    'recommendMany',
    parts.catalog.genreNames,
    options,
    engine.options,
  );
  const block = (start: number) => {
    const indices: number[] = [];
    const end = Math.min(userIds.length, start + PREFETCH_USERS);
    for (let j = start; j < end; j++) indices.push(userIndex(context, 'recommendMany', userIds[j]!));
    return indices;
  };
  // Long runs score the next block on a worker while this one is ranked.
  const lookahead = userIds.length >= PIPELINE_MIN_USERS;
  try {
    let indices = block(0);
    for (let start = 0; start < userIds.length; start += PREFETCH_USERS) {
      const end = Math.min(userIds.length, start + PREFETCH_USERS);
      const next = lookahead && end < userIds.length ? block(end) : null;
      engine.prefetch(strategy, indices, lookahead ? next : undefined);
      for (let j = start; j < end; j++) {
        const view = knownUserView(parts, indices[j - start]!);
        yield { userId: userIds[j]!, recommendations: recommendFor(context, 'recommendMany', view, options) };
      }
      if (next !== null) indices = next;
      else if (end < userIds.length) indices = block(end);
    }
  } finally {
    engine.prefetch(strategy, null);
  }
}

function similar(
  context: Context,
  movieId: number,
  options: { n?: number; by?: SimilarBy },
): RecommendationItem[] {
  const m = movieIndex(context, 'similar', movieId);
  const n = resolveCount('similar', options.n);
  const by: SimilarBy = resolveSimilarBy(options.by);
  const ranked = similarMovies(context.engine, m, n, by);
  return Array.from(ranked.movies, (j, i) => item(context, j, ranked.scores[i]!, ranked.reasons[i]!));
}

function predict(context: Context, userId: number, movieIds: readonly number[]): Predictions {
  const { parts, engine } = context;
  const u = userIndex(context, 'predict', userId);
  const movies = Uint32Array.from(movieIds, (id) => movieIndex(context, 'predict', id));
  const probabilities = engine.likeProbabilities(knownUserView(parts, u), movies);
  const predictions = Array.from(movieIds, (movieId, j) => ({
    movieId,
    probability: probabilities[j]!,
    like: probabilities[j]! >= parts.threshold,
  }));
  return { predictions, threshold: parts.threshold };
}

function searchMovies(
  context: Context,
  query: string,
  options: { limit?: number; offset?: number; genre?: string },
): ReturnType<Recommender['searchMovies']> {
  const { limit = 20, offset = 0, genre } = options;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) {
    throw new ServingError(
      'invalid-input',
      `searchMovies: limit must be a whole number from 1 to 1000 (got ${limit})`,
    );
  }
  if (!(Number.isInteger(offset) && offset >= 0)) {
    throw new ServingError(
      'invalid-input',
      `searchMovies: offset must be a whole number >= 0 (got ${offset})`,
    );
  }
  const eligible = genre === undefined ? null : moviesOfGenre(context, genre);
  context.titles ??= buildTitleIndex(context.parts.catalog);
  const found = searchTitles(context.titles, query, { eligible, popularity: context.engine.stats.count });
  const page = found.subarray(Math.min(offset, found.length), Math.min(offset + limit, found.length));
  return { total: found.length, items: Array.from(page, (m) => summary(context, m)) };
}

/** 1 for each movie of `genre` (validated like a recommend filter), 0 for the others. */
function moviesOfGenre({ parts: { catalog }, engine: { nMovies } }: Context, genre: string): Uint8Array {
  const request = resolveRecommendOptions('searchMovies', catalog.genreNames, { genres: [genre] });
  const eligible = new Uint8Array(nMovies);
  for (let m = 0; m < nMovies; m++) eligible[m] = (catalog.genreMask[m]! & request.genreMask) !== 0 ? 1 : 0;
  return eligible;
}

function history(context: Context, userId: number, options: { n?: number }): UserHistory {
  const { parts, engine } = context;
  const u = userIndex(context, 'userHistory', userId);
  const n = resolveCount('userHistory', options.n);
  context.history ??= {
    catalog: parts.catalog,
    ratings: parts.ratings,
    genreMeans: genreMeans(parts.catalog, engine.stats),
    globalMean: globalMean(engine.stats),
  };
  return userHistory(context.history, userId, u, n);
}

/** One call of each request kind, so the first real request finds everything compiled and built. */
function warmUp(recommender: Recommender, { parts: { users, catalog }, engine }: Context): void {
  if (users.size === 0 || engine.nMovies === 0) return;
  const userId = users.ids[0]!;
  const movieId = catalog.movies[0]!.movieId;
  recommender.recommend(userId, { n: 10 });
  recommender.userHistory(userId, { n: 10 });
  recommender.recommendForRatings([{ movieId, rating: 4 }], { n: 10 });
  recommender.similar(movieId, { n: 10 });
  recommender.searchMovies(catalog.movies[0]!.title.slice(0, 4));
}

/** The popular list for someone with no ratings: clearly marked as a fallback. */
function popularList(
  engine: ServingEngine,
  n: number,
  eligible: Uint8Array,
  item: (m: number, score: number, reason: string) => RecommendationItem,
): Recommendations {
  const ranked = engine.popularFallback(eligible, n);
  const items = Array.from(ranked.movies, (m, j) =>
    item(m, ranked.scores[j]!, popularReason(engine.explainContext, m)),
  );
  return { items, strategy: 'popular', fallback: true };
}

/** Dense movie indices of a new user's ratings, rejecting unknown movies, repeats and bad values. */
function resolveNewRatings(indexOf: (id: number) => number, ratings: readonly NewUserRating[]): Uint32Array {
  const where = 'recommendForRatings';
  if (!Array.isArray(ratings)) throw new ServingError('invalid-input', `${where}: ratings must be an array`);
  const movies = new Uint32Array(ratings.length);
  const seen = new Set<number>();
  ratings.forEach((r, i) => {
    const m = indexOf(r.movieId);
    if (m < 0) {
      throw new ServingError('unknown-movie', `${where}: ratings[${i}] names unknown movie ${r.movieId}`);
    }
    if (!(Number.isFinite(r.rating) && r.rating >= 0.5 && r.rating <= 5)) {
      throw new ServingError(
        'invalid-input',
        `${where}: ratings[${i}].rating must be between 0.5 and 5 (got ${r.rating})`,
      );
    }
    if (seen.has(m)) throw new ServingError('invalid-input', `${where}: movie ${r.movieId} is rated twice`);
    seen.add(m);
    movies[i] = m;
  });
  return movies;
}
