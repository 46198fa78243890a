import type { MovieGenres } from './genres';
import { type Layout, U } from './layout';
import type { RowFamily } from './rows/family';
import type { ScalerParams } from './scaler';

/** Raw collaborative-filtering score of one row (see `cf.ts`). */
export interface CfScorer {
  score(user: number, movie: number, slice: number, row: number): number;
}

/** Movie columns that depend on ratings (and so on the slice): `movie_mean`, `movie_cold`. */
export const MOVIE_TARGET_COLS = 2;

/**
 * Everything a transform reads. Tables are row-major with `slices` stacked slices: entry (s, e) of
 * a table of width W starts at `s·sliceStride + e·W`. `*Raw` tables are unscaled (serialized, and
 * the source of the per-row features); `*Out` tables are already scaled, so most of a feature row
 * is a copy. The movie block is split into its slice-dependent part and a slice-free part: the
 * per-row loop jumps between random movies, and the compact tables (~3 MB for 27k movies) stay in
 * cache where the full slices x movies x columns table (~20 MB) would not.
 */
export interface FeatureTables {
  readonly layout: Layout;
  readonly nCols: number;
  /** The slice of validation, test and serving rows. */
  readonly full: number;
  readonly userRaw: Float32Array;
  readonly userOut: Float32Array;
  readonly userSliceStride: number;
  /** slices x nMovies x movieCols, unscaled. */
  readonly movieRaw: Float32Array;
  readonly movieSliceStride: number;
  /** slices x nMovies x MOVIE_TARGET_COLS, scaled. */
  readonly movieTargetOut: Float32Array;
  /** nMovies x (movieCols - MOVIE_TARGET_COLS), scaled. */
  readonly movieStaticOut: Float32Array;
  /** Release year per movie (imputed, or NaN in 'nan' mode), for the movie's age. */
  readonly movieYear: Float32Array;
  /** nMovies x contentDims, scaled. */
  readonly contentOut: Float32Array;
  readonly genres: MovieGenres;
  readonly scaler: ScalerParams;
  readonly cf: CfScorer | null;
  /** Row families that are output, with their output offsets. */
  readonly rowBlocks: readonly RowBlock[];
  /** UTC year per day since 1970 (`yearOfDayTable`). */
  readonly yearOfDay: Uint16Array;
}

/** Rows to write: batch row i is `rows[i]` (store rows) or i itself (pairs), in `[from, to)`. */
export interface RowBatch {
  readonly users: Uint32Array;
  readonly movies: Uint32Array;
  /** Unix seconds per row; null means every row happens at `referenceTime`. */
  readonly timestamps: Uint32Array | null;
  readonly referenceTime: number;
  readonly rows: Uint32Array | null;
  /** Slice per store row, NOT_TRAIN = not a training row (uses `full`); null = every row uses `full`. */
  readonly rowSlice: Uint8Array | null;
  readonly from: number;
  readonly to: number;
}

export const NOT_TRAIN = 255;

/** A row family and where its columns go. */
export interface RowBlock {
  readonly family: RowFamily;
  readonly at: number;
  readonly width: number;
}

/** Movie age in years when rated: calendar year (UTC) of the rating minus the release year. */
export function ageAtRating(
  yearOfDay: Uint16Array,
  movieYear: Float32Array,
  movie: number,
  timestamp: number,
): number {
  return yearOfDay[Math.floor(timestamp / 86_400)]! - movieYear[movie]!;
}

/**
 * User-genre affinity: the user's shrunk genre preferences dotted with the movie's genre indicator
 * vector, divided by its L1 norm (the number of genres), i.e. the mean preference over the movie's
 * genres. A movie without genres gets the user's mean. `base` is the user's row in `userRaw`.
 */
export function genreAffinity(
  userRaw: Float32Array,
  base: number,
  genreStart: Uint32Array,
  genreIndex: Uint8Array,
  movie: number,
): number {
  const from = genreStart[movie]!;
  const to = genreStart[movie + 1]!;
  if (from === to) return userRaw[base + U.mean]!;
  let sum = 0;
  for (let k = from; k < to; k++) sum += userRaw[base + U.pref + genreIndex[k]!]!;
  return sum / (to - from);
}

/**
 * Writes feature rows `[from, to)` of a batch into `out` (row-major, row i at `(i - from)·nCols`).
 *
 * The loop is shaped for 20M rows: every table is a local (no property lookups per row), nothing is
 * allocated per row, blocks are copied element by element from pre-scaled tables (cheaper than
 * `subarray().set()`, which allocates a view per call), and only the per-row values (age, affinity,
 * CF score) are computed and scaled here.
 */
export function writeFeatureRows(t: FeatureTables, b: RowBatch, out: Float32Array): void {
  const { layout, nCols, full, userOut, userRaw, userSliceStride, movieTargetOut, movieStaticOut } = t;
  const { movieYear, contentOut, yearOfDay, cf } = t;
  const { start: genreStart, index: genreIndex } = t.genres;
  const { userCols, userAt, movieAt, ageAt, affinityAt, contentAt, cfAt, contentDims } = layout;
  const staticCols = layout.movieCols - MOVIE_TARGET_COLS;
  const targetStride = movieYear.length * MOVIE_TARGET_COLS;
  const { users, movies, timestamps, referenceTime, rows, rowSlice, from, to } = b;
  const { mean, std } = t.scaler;
  const ageMean = ageAt >= 0 ? mean[ageAt]! : 0;
  const ageStd = ageAt >= 0 ? std[ageAt]! : 1;
  const affinityMean = affinityAt >= 0 ? mean[affinityAt]! : 0;
  const affinityStd = affinityAt >= 0 ? std[affinityAt]! : 1;
  const cfMean = cfAt >= 0 ? mean[cfAt]! : 0;
  const cfStd = cfAt >= 0 ? std[cfAt]! : 1;
  const blocks = t.rowBlocks;
  const scratch = new Float64Array(blocks.reduce((w, b) => Math.max(w, b.width), 0));

  for (let i = from; i < to; i++) {
    const r = rows === null ? i : rows[i]!;
    const u = users[r]!;
    const m = movies[r]!;
    let s = full;
    if (rowSlice !== null) {
      const v = rowSlice[r]!;
      if (v !== NOT_TRAIN) s = v;
    }
    const o = (i - from) * nCols;
    const userBase = s * userSliceStride + u * userCols;
    if (userAt >= 0) {
      const dst = o + userAt;
      for (let j = 0; j < userCols; j++) out[dst + j] = userOut[userBase + j]!;
    }
    if (movieAt >= 0) {
      const target = s * targetStride + m * MOVIE_TARGET_COLS;
      out[o + movieAt] = movieTargetOut[target]!;
      out[o + movieAt + 1] = movieTargetOut[target + 1]!;
      const src = m * staticCols;
      const dst = o + movieAt + MOVIE_TARGET_COLS;
      for (let j = 0; j < staticCols; j++) out[dst + j] = movieStaticOut[src + j]!;
    }
    if (ageAt >= 0) {
      const age = ageAtRating(yearOfDay, movieYear, m, timestamps === null ? referenceTime : timestamps[r]!);
      out[o + ageAt] = (age - ageMean) / ageStd;
    }
    if (affinityAt >= 0) {
      const affinity = genreAffinity(userRaw, userBase, genreStart, genreIndex, m);
      out[o + affinityAt] = (affinity - affinityMean) / affinityStd;
    }
    if (contentAt >= 0) {
      const src = m * contentDims;
      const dst = o + contentAt;
      for (let j = 0; j < contentDims; j++) out[dst + j] = contentOut[src + j]!;
    }
    if (cfAt >= 0 && cf !== null) {
      out[o + cfAt] = (cf.score(u, m, s, r) - cfMean) / cfStd;
    }
    if (blocks.length > 0) {
      const time = timestamps === null ? referenceTime : timestamps[r]!;
      for (let k = 0; k < blocks.length; k++) {
        const { family, at, width } = blocks[k]!;
        family.write(scratch, 0, u, m, s, time);
        for (let j = 0; j < width; j++) out[o + at + j] = (scratch[j]! - mean[at + j]!) / std[at + j]!;
      }
    }
  }
}
