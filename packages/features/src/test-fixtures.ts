/**
 * Test-only builders for tiny hand-made stores and catalogs, so the tests of this package never
 * depend on the loader. Not exported from the package.
 */

import { createRng } from '@reco/core';
import { type Catalog, createIdMap, type Movie, type RatingsStore, type TagStore } from '@reco/data';

export interface RatingRow {
  readonly user: number;
  readonly movie: number;
  readonly rating: number;
  readonly timestamp: number;
}

/** A store from rating objects in any order, sorted by (user, movie) as the loader would. */
export function makeStore(rows: readonly RatingRow[], nUsers?: number): RatingsStore {
  const sorted = [...rows].sort((a, b) => a.user - b.user || a.movie - b.movie);
  const users = nUsers ?? sorted.reduce((max, r) => Math.max(max, r.user + 1), 0);
  const n = sorted.length;
  const store = {
    length: n,
    user: new Uint32Array(n),
    movie: new Uint32Array(n),
    rating: new Float32Array(n),
    timestamp: new Uint32Array(n),
    userOffsets: new Uint32Array(users + 1),
  };
  sorted.forEach((r, i) => {
    if (i > 0 && sorted[i - 1]!.user === r.user && sorted[i - 1]!.movie === r.movie) {
      throw new Error(`makeStore: duplicate (${r.user}, ${r.movie})`);
    }
    store.user[i] = r.user;
    store.movie[i] = r.movie;
    store.rating[i] = r.rating;
    store.timestamp[i] = r.timestamp;
    store.userOffsets[r.user + 1]!++;
  });
  for (let u = 0; u < users; u++) store.userOffsets[u + 1]! += store.userOffsets[u]!;
  return store;
}

/** Rows of a store as objects (the inverse of `makeStore`). */
export function storeRows(store: RatingsStore): RatingRow[] {
  return Array.from({ length: store.length }, (_, i) => ({
    user: store.user[i]!,
    movie: store.movie[i]!,
    rating: store.rating[i]!,
    timestamp: store.timestamp[i]!,
  }));
}

/** A copy of the store with row `row`'s rating replaced. */
export function withRating(store: RatingsStore, row: number, rating: number): RatingsStore {
  const copy = { ...store, rating: store.rating.slice() };
  copy.rating[row] = rating;
  return copy;
}

/** A copy of the store without row `row` (same user count). */
export function withoutRow(store: RatingsStore, row: number): RatingsStore {
  const rows = storeRows(store).filter((_, i) => i !== row);
  return makeStore(rows, store.userOffsets.length - 1);
}

/** Row indices after deleting `deleted`: indices above it shift down by one. */
export function shiftRows(rows: Uint32Array, deleted: number): Uint32Array {
  const out: number[] = [];
  for (const r of rows) if (r !== deleted) out.push(r > deleted ? r - 1 : r);
  return Uint32Array.from(out);
}

export interface MovieSpec {
  readonly movieId: number;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
}

/** A catalog in which movie dense indices follow ascending movieId, as `@reco/data` assigns them. */
export function makeCatalog(specs: readonly MovieSpec[]): Catalog {
  const movies: Movie[] = [...specs]
    .sort((a, b) => a.movieId - b.movieId)
    .map((m) => ({ ...m, imdbId: null, tmdbId: null }));
  const genreNames: string[] = [];
  for (const m of movies) for (const g of m.genres) if (!genreNames.includes(g)) genreNames.push(g);
  const genreMask = new Uint32Array(movies.length);
  movies.forEach((m, i) => {
    for (const g of m.genres) genreMask[i]! |= 1 << genreNames.indexOf(g);
  });
  return { ids: createIdMap(movies.map((m) => m.movieId)), movies, genreNames, genreMask };
}

/** Tag applications from (movie index, tag) pairs. */
export function makeTags(applications: readonly (readonly [number, string])[]): TagStore {
  const vocabulary: string[] = [];
  const tag = new Uint32Array(applications.length);
  applications.forEach(([, t], i) => {
    if (!vocabulary.includes(t)) vocabulary.push(t);
    tag[i] = vocabulary.indexOf(t);
  });
  return {
    length: applications.length,
    userId: new Int32Array(applications.length).fill(1),
    movie: Uint32Array.from(applications.map(([m]) => m)),
    tag,
    timestamp: new Uint32Array(applications.length),
    vocabulary,
  };
}

const GENRE_POOL = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi', 'IMAX', 'Film-Noir'];

/** A random but seeded dataset for invariant tests: every user rates a random subset of movies. */
export function randomDataset(options: {
  nUsers: number;
  nMovies: number;
  ratingsPerUser: readonly [number, number];
  seed: number;
}): { ratings: RatingsStore; movies: Catalog } {
  const random = createRng(options.seed);
  const specs: MovieSpec[] = Array.from({ length: options.nMovies }, (_, m) => ({
    movieId: 10 * (m + 1),
    title: `Movie number ${m % 7} of the ${m % 3 === 0 ? 'night' : 'day'}`,
    year: m % 11 === 0 ? null : 1950 + random.nextInt(70),
    genres: m % 13 === 0 ? [] : GENRE_POOL.filter(() => random.nextInt(4) === 0),
  }));
  const rows: RatingRow[] = [];
  const [lo, hi] = options.ratingsPerUser;
  const order = new Uint32Array(options.nMovies);
  for (let u = 0; u < options.nUsers; u++) {
    const count = Math.min(options.nMovies, lo + random.nextInt(hi - lo + 1));
    for (let m = 0; m < order.length; m++) order[m] = m;
    random.shuffle(order);
    const bias = random.nextInt(3) - 1;
    for (let k = 0; k < count; k++) {
      const movie = order[k]!;
      const stars = Math.min(10, Math.max(1, 6 + 2 * bias + ((movie * 7) % 5) - 2 + random.nextInt(3) - 1));
      rows.push({
        user: u,
        movie,
        rating: stars / 2,
        timestamp: 1_000_000_000 + random.nextInt(200_000_000),
      });
    }
  }
  return { ratings: makeStore(rows, options.nUsers), movies: makeCatalog(specs) };
}
