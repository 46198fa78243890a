import { RecommenderError } from '../errors';
import type { RecommenderParts } from '../parts';
import { type ExplainContext, FROM_CF, FROM_POPULAR, FROM_TRENDING } from './explain';
import {
  type MovieStats,
  movieStats,
  popularRanking,
  rankingScores,
  recentCounts,
  trendingRanking,
} from './movie-stats';
import type { ResolvedRecommendOptions, ResolvedServingOptions } from './options';
import { type CosineSpace, cosineSpace } from './similarity';
import { topKMovies, topKOfCandidates } from './top-k';
import type { UserView } from './user-view';

/** One way to rank scored candidates: by like probability, or by the hybrid at a classifier weight. */
export type RankVariant =
  | { readonly strategy: 'classifier' }
  | { readonly strategy: 'hybrid'; readonly weight: number };

/** A ranked list before it is dressed as items: dense movie indices, scores, candidate sources. */
export interface RankedMovies {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
  /** Per returned movie: FROM_CF | FROM_POPULAR | FROM_TRENDING flags (0 under exhaustive scoring). */
  readonly sources: Uint8Array;
}

/**
 * The index-level serving machinery shared by `createRecommender` and the ranking evaluation:
 * catalogue statistics computed once, and the retrieval, scoring and ranking of one user.
 * Everything here speaks dense indices; ids and text live in `recommender.ts`.
 */
export interface ServingEngine {
  readonly parts: RecommenderParts;
  readonly options: ResolvedServingOptions;
  readonly nMovies: number;
  readonly stats: MovieStats;
  /** Popular list (dense indices, best first) and its reversed-rank scores per movie. */
  readonly popular: Uint32Array;
  readonly popularScores: Float32Array;
  readonly trending: Uint32Array;
  readonly trendingScores: Float32Array;
  readonly cfSpace: CosineSpace;
  readonly contentSpace: CosineSpace;
  /** log(1 + ratings) / log(1 + most ratings) per movie, in [0, 1]: a tie-break toward known movies. */
  readonly popularityShare: Float32Array;
  readonly explainContext: ExplainContext;
  /** 1 where a movie passes the request's filters, the minimum rating count and rated-exclusion. */
  eligibility(view: UserView | null, request: ResolvedRecommendOptions): Uint8Array;
  /**
   * The user's CF score for every eligible movie, NaN elsewhere (written into a reused buffer:
   * copy what you keep).
   */
  cfScores(view: UserView, eligible: Uint8Array): Float32Array;
  /** The served classifier's like probability for each of `movies`, in one batch. */
  likeProbabilities(view: UserView, movies: Uint32Array): Float32Array;
  /** Retrieval + ranking (or exhaustive scoring) of one user's top `request.n`. */
  rank(view: UserView, request: ResolvedRecommendOptions): RankedMovies;
  /**
   * The top `request.n` movies under each variant (the classifier, or the hybrid at a weight), from
   * one retrieval (or exhaustive) pass and one scoring pass: each list equals what `rank` gives for
   * that strategy and weight. For evaluations that rank the same candidates several ways.
   */
  rankVariants(
    view: UserView,
    request: ResolvedRecommendOptions,
    variants: readonly RankVariant[],
  ): Uint32Array[];
  /** The popular list restricted to `eligible`, for users without ratings. */
  popularFallback(eligible: Uint8Array, n: number): RankedMovies;
}

export function createEngine(parts: RecommenderParts, options: ResolvedServingOptions): ServingEngine {
  const { catalog, mf, als, pipeline, classifier } = parts;
  const nMovies = catalog.movies.length;
  checkParts(parts, nMovies);
  // A throwaway prediction builds what the classifier builds lazily (the tree models' WebAssembly
  // scorer), so the first request does not pay for it.
  if (classifier.nFeatures !== null) classifier.predictProba(new Float32Array(classifier.nFeatures), 1);

  const stats = movieStats(parts.ratings, nMovies);
  const popularList = parts.popular ?? popularRanking(stats);
  const trendingList =
    parts.trending ?? trendingRanking(parts.ratings, nMovies, { days: options.trendingDays });
  const popularScores = rankingScores(popularList, nMovies);
  const trendingScores = rankingScores(trendingList, nMovies);
  const content = parts.content ?? pipeline.contentEmbeddings;
  // Item-item CF similarity (similar(), "similar to X" reasons) uses the CF model of retrieval:
  // ALS factors, learned from what people watch and like together, give far better neighbours
  // than MF factors, whose rarely rated movies point in noisy directions.
  const cfSpace =
    options.cfModel === 'als' && als != null
      ? cosineSpace(als.itemFactors, als.factors)
      : cosineSpace(mf.itemFactors, mf.factors);
  const contentSpace = cosineSpace(content.vectors, content.dims);
  // Years as a typed array: the filter runs over the whole catalogue on every request.
  const years = new Int32Array(nMovies);
  catalog.movies.forEach((movie, m) => {
    years[m] = movie.year ?? UNKNOWN_YEAR;
  });
  const explainContext: ExplainContext = {
    catalog,
    likeThreshold: parts.likeThreshold,
    cf: cfSpace,
    content: contentSpace,
    count: stats.count,
    mean: stats.mean,
    recentCount: recentCounts(parts.ratings, nMovies, options.trendingDays),
    trendingDays: options.trendingDays,
  };
  const popularityShare = new Float32Array(nMovies);
  let most = 0;
  for (let m = 0; m < nMovies; m++) most = Math.max(most, stats.count[m]!);
  for (let m = 0; m < nMovies; m++)
    popularityShare[m] = most === 0 ? 0 : Math.log1p(stats.count[m]!) / Math.log1p(most);
  // One catalogue-sized buffer for CF scores, reused by every request (serving is single-threaded).
  const cfBuffer = new Float32Array(nMovies);

  const eligibility = (view: UserView | null, request: ResolvedRecommendOptions): Uint8Array => {
    const eligible = new Uint8Array(nMovies);
    const { genreMask, minYear, maxYear } = request;
    const lo = minYear ?? Number.NEGATIVE_INFINITY;
    const hi = maxYear ?? Number.POSITIVE_INFINITY;
    const checkYear = minYear !== null || maxYear !== null;
    const { count } = stats;
    const min = options.minRatings;
    const masks = catalog.genreMask;
    for (let m = 0; m < nMovies; m++) {
      if (count[m]! < min) continue;
      if (genreMask !== 0 && (masks[m]! & genreMask) === 0) continue;
      if (checkYear) {
        const y = years[m]!;
        if (y === UNKNOWN_YEAR || y < lo || y > hi) continue;
      }
      eligible[m] = 1;
    }
    if (request.excludeRated && view !== null)
      for (let r = 0; r < view.movies.length; r++) eligible[view.movies[r]!] = 0;
    return eligible;
  };

  /**
   * s_m = x_u·y_m (ALS) or μ + b_u + b_m + p_u·q_m (MF), for eligible movies only: the mat-vec is
   * the cost of a CF request, and movies under the rating minimum or already rated need no score.
   */
  const cfScores = (view: UserView, eligible: Uint8Array): Float32Array => {
    const useAls = options.cfModel === 'als' && als != null && view.als !== null;
    const vector = useAls ? view.als! : view.mf.factors;
    const factors = useAls ? als!.itemFactors : mf.itemFactors;
    const offset = useAls ? 0 : mf.globalMean + view.mf.bias;
    const f = vector.length;
    cfBuffer.fill(Number.NaN);
    for (let m = 0; m < nMovies; m++) {
      if (eligible[m] !== 1) continue;
      let dot = useAls ? 0 : mf.itemBias[m]!;
      const o = m * f;
      for (let k = 0; k < f; k++) dot += factors[o + k]! * vector[k]!;
      cfBuffer[m] = offset + dot;
    }
    return cfBuffer;
  };

  const likeProbabilities = (view: UserView, movies: Uint32Array): Float32Array => {
    const n = movies.length;
    if (n === 0) return new Float32Array(0);
    const features =
      view.newRatings === null
        ? pipeline.transformPairs({ user: new Uint32Array(n).fill(view.user), movie: movies })
        : pipeline.transformForNewUser(
            view.newRatings,
            Array.from(movies, (m) => catalog.movies[m]!.movieId),
          );
    return classifier.predictProba(features.data, n);
  };

  /** Union of the CF top, the popular and the trending candidates, each flagged with its source. */
  const retrieve = (
    cf: Float32Array,
    eligible: Uint8Array,
  ): { candidates: Uint32Array; flags: Uint8Array } => {
    const flags = new Uint8Array(nMovies);
    const top = topKMovies(cf, eligible, options.retrieveCf);
    const candidates = new Uint32Array(
      top.movies.length + options.retrievePopular + options.retrieveTrending,
    );
    candidates.set(top.movies);
    let size = top.movies.length;
    for (let j = 0; j < top.movies.length; j++) flags[top.movies[j]!] = FROM_CF;
    const addFrom = (list: Uint32Array, quota: number, flag: number) => {
      let added = 0;
      for (let j = 0; j < list.length && added < quota; j++) {
        const m = list[j]!;
        if (eligible[m] !== 1) continue;
        if (flags[m] === 0) {
          candidates[size++] = m;
          added++;
        }
        flags[m]! |= flag;
      }
    };
    addFrom(popularList.movies, options.retrievePopular, FROM_POPULAR);
    addFrom(trendingList.movies, options.retrieveTrending, FROM_TRENDING);
    return { candidates: candidates.subarray(0, size), flags };
  };

  /** Two-stage (or exhaustive) candidates with their like probabilities and, for the hybrid, CF scores. */
  const scoreCandidates = (view: UserView, request: ResolvedRecommendOptions, eligible: Uint8Array) => {
    const { strategy } = request;
    let candidates: Uint32Array;
    let flags: Uint8Array | null = null;
    const needCf = strategy === 'hybrid' || !request.exhaustive;
    const cf = needCf ? cfScores(view, eligible) : null;
    if (request.exhaustive) {
      candidates = eligibleMovies(eligible);
    } else {
      const retrieved = retrieve(cf!, eligible);
      candidates = retrieved.candidates;
      flags = retrieved.flags;
    }
    const probabilities = likeProbabilities(view, candidates);
    let cfAt: Float32Array | null = null;
    if (strategy === 'hybrid') {
      cfAt = new Float32Array(candidates.length);
      for (let j = 0; j < candidates.length; j++) cfAt[j] = cf![candidates[j]!]!;
    }
    return { candidates, flags, probabilities, cfAt };
  };

  const rank = (view: UserView, request: ResolvedRecommendOptions): RankedMovies => {
    const eligible = eligibility(view, request);
    const { n, strategy } = request;
    if (strategy === 'cf') {
      const top = topKMovies(cfScores(view, eligible), eligible, n);
      return { ...top, sources: new Uint8Array(top.movies.length).fill(FROM_CF) };
    }
    const { candidates, flags, probabilities, cfAt } = scoreCandidates(view, request, eligible);
    const scores = cfAt === null ? probabilities : hybridScores(probabilities, cfAt, options.hybridWeight);
    const top = topKOfCandidates(candidates, scores, n);
    const sources = new Uint8Array(top.movies.length);
    if (flags !== null) for (let j = 0; j < top.movies.length; j++) sources[j] = flags[top.movies[j]!]!;
    return { ...top, sources };
  };

  const rankVariants = (
    view: UserView,
    request: ResolvedRecommendOptions,
    variants: readonly RankVariant[],
  ): Uint32Array[] => {
    const needsCf = variants.some((v) => v.strategy === 'hybrid');
    const scoring = { ...request, strategy: needsCf ? 'hybrid' : 'classifier' } as const;
    const { candidates, probabilities, cfAt } = scoreCandidates(view, scoring, eligibility(view, scoring));
    // Percentiles once; each hybrid weight is then a linear blend of the two.
    const pLike = needsCf ? rankPercentiles(probabilities) : null;
    const pCf = needsCf ? rankPercentiles(cfAt!) : null;
    return variants.map((variant) => {
      const scores =
        variant.strategy === 'classifier' ? probabilities : blendPercentiles(pLike!, pCf!, variant.weight);
      return topKOfCandidates(candidates, scores, request.n).movies;
    });
  };

  const popularFallback = (eligible: Uint8Array, n: number): RankedMovies => {
    const top = topKMovies(popularScores, eligible, n);
    return {
      movies: top.movies,
      scores: countsOf(stats.count, top.movies),
      sources: new Uint8Array(top.movies.length).fill(FROM_POPULAR),
    };
  };

  return {
    parts,
    options,
    nMovies,
    stats,
    popular: popularList.movies,
    popularScores,
    trending: trendingList.movies,
    trendingScores,
    cfSpace,
    contentSpace,
    popularityShare,
    explainContext,
    eligibility,
    cfScores,
    likeProbabilities,
    rank,
    rankVariants,
    popularFallback,
  };
}

/** Year filter sentinel for movies without a year (they never pass a year filter). */
const UNKNOWN_YEAR = -0x7fffffff;

function eligibleMovies(eligible: Uint8Array): Uint32Array {
  let n = 0;
  for (let m = 0; m < eligible.length; m++) n += eligible[m]!;
  const out = new Uint32Array(n);
  let j = 0;
  for (let m = 0; m < eligible.length; m++) if (eligible[m] === 1) out[j++] = m;
  return out;
}

function countsOf(count: Uint32Array, movies: Uint32Array): Float32Array {
  return Float32Array.from(movies, (m) => count[m]!);
}

/**
 * The hybrid score of each candidate: w · pct(p_like) + (1 - w) · pct(cf), where pct is the
 * candidate's rank percentile within the scored set (1 = best, 0 = worst). Ranks make the two
 * scales comparable (a probability and an unbounded CF score) and keep the blend robust to
 * either model's calibration.
 */
export function hybridScores(probabilities: Float32Array, cf: Float32Array, weight: number): Float32Array {
  return blendPercentiles(rankPercentiles(probabilities), rankPercentiles(cf), weight);
}

/** w · pLike + (1 - w) · pCf, element by element. */
function blendPercentiles(pLike: Float32Array, pCf: Float32Array, weight: number): Float32Array {
  const out = new Float32Array(pLike.length);
  for (let j = 0; j < out.length; j++) out[j] = weight * pLike[j]! + (1 - weight) * pCf[j]!;
  return out;
}

/** 1 - rank / (n - 1) with rank 0 for the highest value (ties by position); 1 for a single value. */
export function rankPercentiles(values: Float32Array): Float32Array {
  const n = values.length;
  // Sorting the scored set only (candidates, or the eligible catalogue under exhaustive scoring).
  const order = Uint32Array.from({ length: n }, (_, j) => j).sort((a, b) => values[b]! - values[a]! || a - b);
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) out[order[r]!] = n === 1 ? 1 : 1 - r / (n - 1);
  return out;
}

/** The parts must share index spaces; a mismatch means a broken bundle, so say which part. */
function checkParts(parts: RecommenderParts, nMovies: number): void {
  const { users, ratings, pipeline, classifier, mf, als } = parts;
  const problems: string[] = [];
  if (ratings.userOffsets.length !== users.size + 1) {
    problems.push(`ratings.userOffsets has ${ratings.userOffsets.length} entries for ${users.size} users`);
  }
  if (pipeline.nMovies !== nMovies)
    problems.push(`the pipeline has ${pipeline.nMovies} movies, the catalog ${nMovies}`);
  if (pipeline.nUsers !== users.size)
    problems.push(`the pipeline has ${pipeline.nUsers} users, the users map ${users.size}`);
  if (classifier.nFeatures !== null && classifier.nFeatures !== pipeline.nFeatures) {
    problems.push(
      `the classifier takes ${classifier.nFeatures} features, the pipeline makes ${pipeline.nFeatures}`,
    );
  }
  if (mf.nItems !== nMovies || mf.nUsers !== users.size) {
    problems.push(
      `the MF model is ${mf.nUsers} users x ${mf.nItems} movies, expected ${users.size} x ${nMovies}`,
    );
  }
  if (als != null && (als.nItems !== nMovies || als.nUsers !== users.size)) {
    problems.push(
      `the ALS model is ${als.nUsers} users x ${als.nItems} movies, expected ${users.size} x ${nMovies}`,
    );
  }
  const content = parts.content ?? pipeline.contentEmbeddings;
  if (content.vectors.length !== nMovies * content.dims) {
    problems.push(
      `the content embeddings have ${content.vectors.length / Math.max(1, content.dims)} rows for ${nMovies} movies`,
    );
  }
  if (!(parts.threshold >= 0 && parts.threshold <= 1))
    problems.push(`threshold ${parts.threshold} is not a probability`);
  if (problems.length > 0) {
    throw new RecommenderError(
      'bad-artifacts',
      `the recommender parts do not fit together: ${problems.join('; ')}`,
    );
  }
}
