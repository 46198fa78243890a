import { DataError } from './errors';
import type { RawRatings } from './parse/raw-ratings';
import type { IdMap, RatingsStore } from './types';
import { indexUsersInPlace, type RowOrderScan } from './user-index';

/**
 * What to do when one user rated one movie more than once. `latest` keeps the rating with the
 * latest timestamp; on equal timestamps the later row (later line in the file) wins. `error`
 * rejects the data.
 */
export type DuplicatePolicy = 'latest' | 'error';

/** Columns with dense user and movie indices, in any order, possibly with duplicate pairs. */
export interface RatingColumns {
  user: Uint32Array;
  movie: Uint32Array;
  rating: Float32Array;
  timestamp: Uint32Array;
}

/** A duplicate pair found under the `error` policy, by row (position in the input order). */
export interface DuplicateFound {
  readonly user: number;
  readonly movie: number;
  readonly rows: readonly [number, number];
}

export interface OrderedRatings {
  readonly store: RatingsStore;
  /** Rows dropped by the duplicate policy. */
  readonly duplicates: number;
  /** Set (and nothing else is) when the policy is `error` and a duplicate exists. */
  readonly duplicate?: DuplicateFound;
}

/**
 * Puts rating columns into store order: rows sorted by (user, movie), one row per pair, with
 * CSR offsets by user. The columns may be reused (and are, when already in order, which the
 * MovieLens files are): callers hand over ownership.
 *
 * Sorting is a two-pass LSD counting sort (by movie, then stably by user), so equal pairs keep
 * their input order and the duplicate policy can tell which row came later. It is O(rows) with
 * two row permutations as scratch, and it only runs when a linear scan finds rows out of order.
 */
export function orderRatings(
  columns: RatingColumns,
  userCount: number,
  movieCount: number,
  policy: DuplicatePolicy,
  known?: RowOrderScan,
): OrderedRatings {
  let { user, movie, rating, timestamp } = columns;
  const n = user.length;

  // Already sorted without duplicates (the MovieLens files are): the columns are the store.
  if (known?.sorted && !known.hasDuplicates) {
    return {
      store: { length: n, user, movie, rating, timestamp, userOffsets: known.userOffsets },
      duplicates: 0,
    };
  }

  let { sorted, hasDuplicates } = scanRowOrder(user, movie);
  let order: Uint32Array | undefined;
  if (!sorted) {
    order = sortPermutation(user, movie, userCount, movieCount);
    user = gather(user, order);
    movie = gather(movie, order);
    rating = gather(rating, order);
    timestamp = gather(timestamp, order);
    hasDuplicates = firstRepeatedPair(user, movie) > 0;
  }

  let length = n;
  if (hasDuplicates) {
    if (policy === 'error') {
      const i = firstRepeatedPair(user, movie);
      const first = order === undefined ? i - 1 : order[i - 1]!;
      const second = order === undefined ? i : order[i]!;
      return {
        store: emptyStore(userCount),
        duplicates: 0,
        duplicate: { user: user[i]!, movie: movie[i]!, rows: [first, second] },
      };
    }
    length = keepLatest(user, movie, rating, timestamp);
    user = user.subarray(0, length);
    movie = movie.subarray(0, length);
    rating = rating.subarray(0, length);
    timestamp = timestamp.subarray(0, length);
  }

  return {
    store: { length, user, movie, rating, timestamp, userOffsets: userOffsetsOf(user, userCount) },
    duplicates: n - length,
  };
}

/** One pass: are rows strictly increasing by (user, movie)? Equal neighbours are duplicates. */
function scanRowOrder(user: Uint32Array, movie: Uint32Array): { sorted: boolean; hasDuplicates: boolean } {
  let hasDuplicates = false;
  for (let i = 1; i < user.length; i++) {
    const u = user[i]!;
    const pu = user[i - 1]!;
    if (u > pu) continue;
    if (u < pu) return { sorted: false, hasDuplicates };
    const m = movie[i]!;
    const pm = movie[i - 1]!;
    if (m > pm) continue;
    if (m < pm) return { sorted: false, hasDuplicates };
    hasDuplicates = true;
  }
  return { sorted: true, hasDuplicates };
}

/** The first row that repeats the (user, movie) pair of the row before it, or -1 (rows sorted). */
function firstRepeatedPair(user: Uint32Array, movie: Uint32Array): number {
  for (let i = 1; i < user.length; i++) {
    if (user[i] === user[i - 1] && movie[i] === movie[i - 1]) return i;
  }
  return -1;
}

/**
 * Parsed rows (external user ids, catalog movie indices) in store order: users get dense indices
 * (`indexUsersInPlace`, which also sees `knownUsers` from a users file), then `orderRatings`
 * sorts and resolves duplicates. The columns are taken over.
 */
export function orderRawRatings(
  raw: RawRatings,
  knownUsers: readonly number[],
  movieCount: number,
  policy: DuplicatePolicy,
): OrderedRatings & { readonly users: IdMap } {
  const { users, scan } = indexUsersInPlace(raw.userId, raw.movie, knownUsers);
  const columns = { user: raw.userId, movie: raw.movie, rating: raw.rating, timestamp: raw.timestamp };
  return { ...orderRatings(columns, users.size, movieCount, policy, scan), users };
}

/** Row order sorted by (user, movie, input row): counting sort by movie, then stably by user. */
function sortPermutation(
  user: Uint32Array,
  movie: Uint32Array,
  userCount: number,
  movieCount: number,
): Uint32Array {
  const n = user.length;
  const byMovie = new Uint32Array(n);
  const movieStart = new Uint32Array(movieCount + 1);
  for (let i = 0; i < n; i++) movieStart[movie[i]! + 1]!++;
  for (let m = 0; m < movieCount; m++) movieStart[m + 1]! += movieStart[m]!;
  for (let i = 0; i < n; i++) byMovie[movieStart[movie[i]!]!++] = i;

  const order = new Uint32Array(n);
  const userStart = new Uint32Array(userCount + 1);
  for (let i = 0; i < n; i++) userStart[user[i]! + 1]!++;
  for (let u = 0; u < userCount; u++) userStart[u + 1]! += userStart[u]!;
  for (let j = 0; j < n; j++) {
    const i = byMovie[j]!;
    order[userStart[user[i]!]!++] = i;
  }
  return order;
}

function gather<T extends Uint32Array | Float32Array>(column: T, order: Uint32Array): T {
  const out = new (column.constructor as new (n: number) => T)(order.length);
  for (let j = 0; j < order.length; j++) out[j] = column[order[j]!]!;
  return out;
}

/**
 * Collapses runs of equal (user, movie) rows in place, keeping per run the row with the largest
 * timestamp, the last such row on ties. Returns the new length.
 */
function keepLatest(
  user: Uint32Array,
  movie: Uint32Array,
  rating: Float32Array,
  timestamp: Uint32Array,
): number {
  const n = user.length;
  let out = 0;
  let i = 0;
  while (i < n) {
    let best = i;
    let j = i + 1;
    while (j < n && user[j] === user[i] && movie[j] === movie[i]) {
      if (timestamp[j]! >= timestamp[best]!) best = j;
      j++;
    }
    user[out] = user[best]!;
    movie[out] = movie[best]!;
    rating[out] = rating[best]!;
    timestamp[out] = timestamp[best]!;
    out++;
    i = j;
  }
  return out;
}

/** CSR offsets: rows of user u are `offsets[u] .. offsets[u + 1] - 1` (rows sorted by user). */
export function userOffsetsOf(user: Uint32Array, userCount: number): Uint32Array {
  const offsets = new Uint32Array(userCount + 1);
  for (let i = 0; i < user.length; i++) offsets[user[i]! + 1]!++;
  for (let u = 0; u < userCount; u++) offsets[u + 1]! += offsets[u]!;
  return offsets;
}

function emptyStore(userCount: number): RatingsStore {
  return {
    length: 0,
    user: new Uint32Array(0),
    movie: new Uint32Array(0),
    rating: new Float32Array(0),
    timestamp: new Uint32Array(0),
    userOffsets: new Uint32Array(userCount + 1),
  };
}

/** Input of `createRatingsStore`: dense indices and values, one entry per rating, any order. */
export interface RatingsStoreInput {
  /** Dense user index per rating. */
  readonly user: ArrayLike<number>;
  /** Dense movie index per rating. */
  readonly movie: ArrayLike<number>;
  readonly rating: ArrayLike<number>;
  /** Unix seconds; default 0 for every row. */
  readonly timestamp?: ArrayLike<number>;
  /** Number of users (the length of `userOffsets` minus one). Default: largest user index + 1. */
  readonly users?: number;
  /** Default `latest`. */
  readonly duplicates?: DuplicatePolicy;
}

/**
 * Builds a `RatingsStore` from plain arrays, exactly as the loader does: sorted by (user, movie),
 * duplicates resolved, CSR offsets computed. Handy for tests and for data from elsewhere.
 *
 * @example
 * const store = createRatingsStore({ user: [1, 0, 0], movie: [2, 1, 0], rating: [4, 3.5, 5] });
 * store.userOffsets; // Uint32Array [0, 2, 3]
 */
export function createRatingsStore(input: RatingsStoreInput): RatingsStore {
  const n = input.user.length;
  for (const [name, column] of [
    ['movie', input.movie],
    ['rating', input.rating],
    ['timestamp', input.timestamp ?? input.user],
  ] as const) {
    if (column.length !== n) {
      throw new DataError(
        'bad-input',
        `createRatingsStore: ${name} has ${column.length} entries, user has ${n}`,
      );
    }
  }
  const user = indexColumn(input.user, 'user');
  const movie = indexColumn(input.movie, 'movie');
  const rating = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = input.rating[i]!;
    if (!Number.isFinite(r))
      throw new DataError('bad-input', `createRatingsStore: rating[${i}] is ${r}, not a number`);
    rating[i] = r;
  }
  const timestamp = new Uint32Array(n);
  if (input.timestamp !== undefined) {
    for (let i = 0; i < n; i++) {
      const t = input.timestamp[i]!;
      if (!Number.isInteger(t) || t < 0 || t > 0xffffffff) {
        throw new DataError('bad-input', `createRatingsStore: timestamp[${i}] is ${t}, not Unix seconds`);
      }
      timestamp[i] = t;
    }
  }
  const maxUser = max(user);
  const users = input.users ?? maxUser + 1;
  if (maxUser >= users) {
    throw new DataError(
      'bad-input',
      `createRatingsStore: user index ${maxUser} is not below users = ${users}`,
    );
  }
  const ordered = orderRatings(
    { user, movie, rating, timestamp },
    users,
    max(movie) + 1,
    input.duplicates ?? 'latest',
  );
  if (ordered.duplicate !== undefined) {
    const { user: u, movie: m, rows } = ordered.duplicate;
    throw new DataError(
      'bad-input',
      `createRatingsStore: user ${u} rated movie ${m} twice (entries ${rows[0]} and ${rows[1]})`,
    );
  }
  return ordered.store;
}

function indexColumn(values: ArrayLike<number>, name: string): Uint32Array {
  const out = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 0xfffffffe) {
      throw new DataError('bad-input', `createRatingsStore: ${name}[${i}] is ${v}, not a dense index`);
    }
    out[i] = v;
  }
  return out;
}

function max(values: Uint32Array): number {
  let m = -1;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}
