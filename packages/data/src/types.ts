/**
 * The shapes every other package consumes. Row data is columnar: a rating is a row index into
 * typed arrays, never an object. Users and movies are addressed by dense indices (0..n-1) that
 * `@reco/data` assigns once; external MovieLens ids appear only at the edges, through `IdMap`.
 */

/** Which on-disk layout a release uses. */
export type ReleaseLayout = 'csv' | 'dat' | 'ml-100k' | 'netflix';

/** The GroupLens releases this package knows by name. */
export type ReleaseName =
  | 'ml-100k'
  | 'ml-1m'
  | 'ml-10m'
  | 'ml-20m'
  | 'ml-25m'
  | 'ml-latest'
  | 'ml-latest-small';

/** A bidirectional map between external ids (MovieLens userId / movieId) and dense indices. */
export interface IdMap {
  /** Number of distinct ids. Dense indices run 0..size-1. */
  readonly size: number;
  /** Dense index -> external id, sorted ascending, so the same data always gets the same indices. */
  readonly ids: Int32Array;
  /** External id -> dense index, or -1 when the id is unknown. */
  indexOf(id: number): number;
}

/**
 * All ratings of a dataset, one row per (user, movie) pair, in columnar typed arrays of equal
 * length. Rows are ordered by (user, movie) index after loading, which makes per-user slices
 * (`userOffsets`) free and makes the store byte-identical however the files were parsed.
 */
export interface RatingsStore {
  readonly length: number;
  /** Dense user index per row (into `Dataset.users`). */
  readonly user: Uint32Array;
  /** Dense movie index per row (into `Dataset.movies`, the catalog). */
  readonly movie: Uint32Array;
  /** Rating on the release's scale (0.5-5 in half stars, or 1-5 whole stars for older releases). */
  readonly rating: Float32Array;
  /** Unix seconds, UTC. */
  readonly timestamp: Uint32Array;
  /**
   * CSR-style row offsets by user: the rows of user u are `userOffsets[u] .. userOffsets[u+1]-1`.
   * Length is users.size + 1.
   */
  readonly userOffsets: Uint32Array;
}

/** One movie of the catalog. The catalog is small (<= ~90k movies), so objects are fine here. */
export interface Movie {
  readonly movieId: number;
  /** Title without the trailing "(1995)" year. */
  readonly title: string;
  /** Release year from the trailing "(1995)" of the title, or null when absent. */
  readonly year: number | null;
  /** Genres; "(no genres listed)" gives an empty list. */
  readonly genres: readonly string[];
  readonly imdbId: string | null;
  readonly tmdbId: number | null;
}

/** All movies of a release. The movie dense index space of every other structure is this one. */
export interface Catalog {
  readonly ids: IdMap;
  /** Movie by dense index. */
  readonly movies: readonly Movie[];
  /** The genre vocabulary; genre g is bit g of `genreMask`. */
  readonly genreNames: readonly string[];
  /** Bitmask of genres per dense movie index. */
  readonly genreMask: Uint32Array;
}

/** Tag applications (tags.csv / tags.dat), columnar. */
export interface TagStore {
  readonly length: number;
  /** External userId of the tagger (taggers need not be raters). */
  readonly userId: Int32Array;
  /** Dense movie index. */
  readonly movie: Uint32Array;
  /** Index into `vocabulary`. */
  readonly tag: Uint32Array;
  readonly timestamp: Uint32Array;
  /** Distinct tag strings as written (case preserved), in order of first appearance. */
  readonly vocabulary: readonly string[];
}

/** Tag genome (genome-scores.csv + genome-tags.csv): a dense movies x tags relevance matrix. */
export interface Genome {
  /** Genome tag names, by genome tag index. */
  readonly tags: readonly string[];
  /** External genome tagId by genome tag index. */
  readonly tagIds: Int32Array;
  /** Dense catalog movie index of each genome row. */
  readonly movie: Uint32Array;
  /** Row-major relevance, movie.length x tags.length, in [0, 1]. */
  readonly relevance: Float32Array;
}

/** User demographics (ml-100k u.user, ml-1m users.dat), aligned with the dense user index. */
export interface Demographics {
  /** 0 = unknown, 1 = male, 2 = female. */
  readonly gender: Uint8Array;
  /** Age in years (ml-100k) or the ml-1m age-group code; 0 = unknown. */
  readonly age: Uint8Array;
  /** Index into `occupations`; 255 = unknown. */
  readonly occupation: Uint8Array;
  readonly occupations: readonly string[];
  readonly zipCode: readonly string[];
}

/** What loading did besides producing data: skipped rows, duplicates, timings. Never silent. */
export interface LoadReport {
  readonly layout: ReleaseLayout;
  /** Files read, relative to the dataset folder. */
  readonly files: readonly string[];
  /** Rows skipped under `onInvalidRow: 'skip'`, with the first few reasons. */
  readonly skippedRows: number;
  readonly skippedExamples: readonly string[];
  /** Duplicate (user, movie) rating pairs resolved by the duplicate policy. */
  readonly duplicateRatings: number;
  /** The policy that resolved them (`latest`: latest timestamp wins, the later line on ties). */
  readonly duplicatePolicy: 'latest' | 'error';
  /** The rating scale the ratings were checked against. */
  readonly ratingScale: { readonly min: number; readonly max: number; readonly step: number };
  /**
   * The like threshold the rating scale suggests: 4 on whole-star scales (Netflix, ml-100k, ml-1m),
   * where 3.5 cannot occur, and 3.5 on half-star scales. The study's default can follow it.
   */
  readonly suggestedLikeThreshold: number;
  /** Threads that parsed the ratings file (0 when the dataset came from the cache). */
  readonly workers: number;
  /** True when the dataset came from the Arrow cache. */
  readonly fromCache: boolean;
  /** Things worth knowing that are not errors (e.g. a cache that could not be written). */
  readonly notes: readonly string[];
  readonly seconds: number;
}

/** Netflix Prize `qualifying.txt`: (customer, movie, date) pairs whose ratings were never published. */
export interface NetflixQualifying {
  readonly length: number;
  /** External CustomerID (a qualifying customer is also a rater, but is not looked up here). */
  readonly userId: Uint32Array;
  /** Dense catalog index. */
  readonly movie: Uint32Array;
  /** Unix seconds, 00:00 UTC of the date. */
  readonly timestamp: Uint32Array;
}

/** A split the release itself defines, e.g. the Netflix Prize probe set. */
export interface PredefinedSplit {
  readonly kind: 'netflix-probe';
  /** Store rows of the test part (probe.txt), strictly ascending. */
  readonly test: Uint32Array;
  readonly qualifying?: NetflixQualifying;
}

export interface Dataset {
  /** Absolute path of the folder it was loaded from. */
  readonly source: string;
  readonly layout: ReleaseLayout;
  readonly ratings: RatingsStore;
  readonly users: IdMap;
  readonly movies: Catalog;
  readonly tags?: TagStore;
  readonly genome?: Genome;
  readonly demographics?: Demographics;
  /** A split the release defines (Netflix Prize: probe.txt), when its files are present. */
  readonly predefinedSplit?: PredefinedSplit;
  readonly report: LoadReport;
}

/** Progress of long work: the one shape of `@reco/core`, injected by the caller. Packages never draw. */
export type { OnProgress, Progress } from '@reco/core';
