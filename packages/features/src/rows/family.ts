import type { RatingsStore } from '@reco/data';
import type { MovieGenres } from '../genres';

/**
 * A feature family computed per row from per-slice tables (see statistics.ts for the slices: slice
 * s < K leaves fold s out, the last slice is FULL). Each family fits its tables on the statistic
 * rows, writes the raw (unscaled) values of one (user, movie, time) triple, and can be rebuilt for
 * one new user or from JSON, where only FULL exists (slice 0).
 */
export interface RowFamily {
  /** Column names, in output order. */
  readonly names: readonly string[];
  /**
   * Raw values of user u and movie m in slice s at unix time t into out[at .. at + width). A family
   * with one slice reads it for any s.
   */
  write(out: Float64Array, at: number, u: number, m: number, s: number, t: number): void;
  /** The same family with one user (index 0, slice 0) made from a handful of ratings. */
  forNewUser(ratings: NewUserRows): RowFamily;
  /** The FULL slice, JSON-safe (typed arrays as base64). */
  toJSON(): Record<string, unknown>;
}

/** A new user's ratings: dense movie indices, ratings and timestamps (-1 = unknown). */
export interface NewUserRows {
  readonly movies: Uint32Array;
  readonly ratings: Float64Array;
  readonly timestamps: Float64Array;
}

/** What a family fits on: the statistic rows and their folds, as `fitStatistics` receives them. */
export interface RowFamilyInput {
  readonly ratings: RatingsStore;
  /** Sorted statistic rows; the store is sorted by user, so each user's rows are contiguous. */
  readonly statRows: Uint32Array;
  /** Fold of each statistic row (aligned with statRows); all 0 when folds = 0. */
  readonly slotOf: Uint8Array;
  /** K; 0 under the deck protocol. */
  readonly folds: number;
  readonly nUsers: number;
  readonly nMovies: number;
  readonly genres: MovieGenres;
  readonly likeThreshold: number;
  /** Unit-length content embedding per movie (nMovies x dims; all-zero rows stay zero). */
  readonly content: Float32Array;
  readonly contentDims: number;
  /** Ratings after this unix time are "recent" (the end of training minus trendingDays). */
  readonly recentFrom: number;
}

/** Slot excluded from slice s: its own fold for s < K, none (-1) for FULL. */
export function excludedSlot(s: number, folds: number): number {
  return s < folds ? s : -1;
}

/**
 * out[outAt + j] = sum over slots f != excluded of perSlot[f·width + j], in slot order, so a slice
 * is bit-identical whatever the ratings of the fold it leaves out.
 */
export function sumSlots(
  perSlot: Float64Array,
  slots: number,
  width: number,
  excluded: number,
  out: Float64Array,
): void {
  out.fill(0, 0, width);
  for (let f = 0; f < slots; f++) {
    if (f === excluded) continue;
    const base = f * width;
    for (let j = 0; j < width; j++) out[j]! += perSlot[base + j]!;
  }
}

/** Unit-length copies of the content embeddings, so a dot product is a cosine. */
export function normalizeRows(vectors: Float32Array, dims: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let at = 0; at < vectors.length; at += dims) {
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += vectors[at + j]! * vectors[at + j]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let j = 0; j < dims; j++) out[at + j] = vectors[at + j]! * scale;
  }
  return out;
}
