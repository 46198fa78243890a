import { buildCatalog, createCatalog, type MovieInput } from './catalog';
import { DataError } from './errors';
import type { RawRatings } from './parse/raw-ratings';
import { type DuplicatePolicy, orderRawRatings } from './ratings-store';
import type { Catalog, Dataset } from './types';

/** Ratings by external ids, for `createDataset`. */
export interface RatingsInput {
  readonly userId: ArrayLike<number>;
  readonly movieId: ArrayLike<number>;
  readonly rating: ArrayLike<number>;
  /** Unix seconds; default 0. */
  readonly timestamp?: ArrayLike<number>;
}

/**
 * Builds a `Dataset` from plain data with external ids, the way `loadMovieLens` builds one from
 * files: users are the distinct rater ids (sorted), movies come from the catalog, rows are
 * ordered by (user, movie) and duplicates resolved (`latest` by default). Meant for tests and for
 * data that does not come from MovieLens files.
 *
 * @example
 * const dataset = createDataset({
 *   movies: [{ movieId: 1, title: 'Toy Story (1995)', genres: ['Animation'] }],
 *   ratings: { userId: [7], movieId: [1], rating: [4.5] },
 * });
 */
export function createDataset(input: {
  readonly movies: readonly MovieInput[] | Catalog;
  readonly ratings: RatingsInput;
  readonly duplicates?: DuplicatePolicy;
  /** Default `'<memory>'`. */
  readonly source?: string;
}): Dataset {
  const catalog = isCatalog(input.movies) ? input.movies : createCatalog(input.movies);
  const policy = input.duplicates ?? 'latest';
  const ordered = orderRawRatings(rawRatingsOf(input.ratings, catalog), [], catalog.ids.size, policy);
  const userIds = ordered.users;
  if (ordered.duplicate !== undefined) {
    const { user, movie, rows } = ordered.duplicate;
    throw new DataError(
      'bad-input',
      `createDataset: userId ${userIds.ids[user]} rated movieId ${catalog.ids.ids[movie]} twice (entries ${rows[0]} and ${rows[1]})`,
    );
  }
  return {
    source: input.source ?? '<memory>',
    layout: 'csv',
    ratings: ordered.store,
    users: userIds,
    movies: catalog,
    report: {
      layout: 'csv',
      files: [],
      skippedRows: 0,
      skippedExamples: [],
      duplicateRatings: ordered.duplicates,
      duplicatePolicy: policy,
      ratingScale: { min: 0.5, max: 5, step: 0.5 },
      suggestedLikeThreshold: 3.5,
      workers: 1,
      fromCache: false,
      notes: [],
      seconds: 0,
    },
  };
}

/** The ratings as raw columns (movies as catalog indices), each value checked. */
function rawRatingsOf(input: RatingsInput, catalog: Catalog): RawRatings {
  const { userId, movieId, rating, timestamp } = input;
  const n = userId.length;
  if (movieId.length !== n || rating.length !== n || (timestamp !== undefined && timestamp.length !== n)) {
    throw new DataError(
      'bad-input',
      'createDataset: userId, movieId, rating and timestamp must have the same length',
    );
  }
  const raw: RawRatings = {
    userId: new Uint32Array(n),
    movie: new Uint32Array(n),
    rating: new Float32Array(n),
    timestamp: new Uint32Array(n),
    length: n,
  };
  for (let i = 0; i < n; i++) {
    const u = userId[i]!;
    if (!Number.isInteger(u) || u < 0 || u > 0x7fffffff)
      throw new DataError('bad-input', `createDataset: userId ${u} is not a valid id`);
    const m = catalog.ids.indexOf(movieId[i]!);
    if (m < 0) throw new DataError('bad-input', `createDataset: movieId ${movieId[i]} is not in the catalog`);
    const r = rating[i]!;
    if (!Number.isFinite(r)) throw new DataError('bad-input', `createDataset: rating ${r} is not a number`);
    const t = timestamp?.[i] ?? 0;
    if (!Number.isInteger(t) || t < 0 || t > 0xffffffff)
      throw new DataError('bad-input', `createDataset: timestamp ${t} is not Unix seconds`);
    raw.userId[i] = u;
    raw.movie[i] = m;
    raw.rating[i] = r;
    raw.timestamp[i] = t;
  }
  return raw;
}

function isCatalog(value: readonly MovieInput[] | Catalog): value is Catalog {
  return !Array.isArray(value);
}

export { buildCatalog };
