import type { MovieGenres } from './genres';
import { type CfScorer, type FeatureTables, MOVIE_TARGET_COLS, type RowBlock } from './kernel';
import { type Layout, M } from './layout';
import { type ScalerParams, scaleValue } from './scaler';
import { yearOfDayTable } from './time';

/** The learned, unscaled state the transform tables are derived from. */
export interface RawTables {
  readonly layout: Layout;
  /** Number of slices; the last is FULL. */
  readonly slices: number;
  readonly nUsers: number;
  readonly nMovies: number;
  /** slices x nUsers x userCols */
  readonly userRaw: Float32Array;
  /** slices x nMovies x movieCols */
  readonly movieRaw: Float32Array;
  /** nMovies x contentDims */
  readonly content: Float32Array;
  readonly genres: MovieGenres;
  readonly cf: CfScorer | null;
  readonly rowBlocks: readonly RowBlock[];
}

/**
 * Builds the transform tables: pre-scaled copies of every block that feature rows copy. Every
 * `FeatureTables` object comes from this one literal, so the hot loops see a single object shape.
 */
export function buildTables(raw: RawTables, scaler: ScalerParams): FeatureTables {
  const { layout, slices, nUsers, nMovies, userRaw, movieRaw, content } = raw;
  const full = slices - 1;
  const { userCols, movieCols } = layout;
  const movieSliceStride = nMovies * movieCols;
  const staticCols = movieCols - MOVIE_TARGET_COLS;
  const movieTargetOut = new Float32Array(slices * nMovies * MOVIE_TARGET_COLS);
  const movieStaticOut = new Float32Array(nMovies * staticCols);
  const movieYear = new Float32Array(nMovies);
  const movieAt = layout.movieAt;
  const scaled = (x: number, col: number) =>
    movieAt < 0 ? x : scaleValue(x, scaler.mean[movieAt + col]!, scaler.std[movieAt + col]!);
  for (let s = 0; s < slices; s++) {
    for (let m = 0; m < nMovies; m++) {
      const at = s * movieSliceStride + m * movieCols;
      for (let j = 0; j < MOVIE_TARGET_COLS; j++) {
        movieTargetOut[(s * nMovies + m) * MOVIE_TARGET_COLS + j] = scaled(movieRaw[at + j]!, j);
      }
    }
  }
  // Slice-free columns are equal in every slice: take them from FULL.
  for (let m = 0; m < nMovies; m++) {
    const at = full * movieSliceStride + m * movieCols;
    for (let j = MOVIE_TARGET_COLS; j < movieCols; j++) {
      movieStaticOut[m * staticCols + j - MOVIE_TARGET_COLS] = scaled(movieRaw[at + j]!, j);
    }
    movieYear[m] = movieRaw[at + M.year]!;
  }
  return {
    layout,
    nCols: layout.columns.length,
    full,
    userRaw,
    userOut: scaleBlock(userRaw, userCols, slices * nUsers, scaler, layout.userAt),
    userSliceStride: nUsers * userCols,
    movieRaw,
    movieSliceStride,
    movieTargetOut,
    movieStaticOut,
    movieYear,
    contentOut: scaleBlock(content, layout.contentDims, nMovies, scaler, layout.contentAt),
    genres: raw.genres,
    scaler,
    cf: raw.cf,
    rowBlocks: raw.rowBlocks,
    yearOfDay: yearOfDayTable(),
  };
}

/** The same tables with the user block replaced (one folded-in user, read as user 0 of every slice). */
export function withSingleUser(
  t: FeatureTables,
  userRaw: Float32Array,
  cf: CfScorer | null,
  rowBlocks: readonly RowBlock[],
): FeatureTables {
  const { layout, scaler } = t;
  return {
    layout: t.layout,
    nCols: t.nCols,
    full: t.full,
    userRaw,
    userOut: scaleBlock(userRaw, layout.userCols, 1, scaler, layout.userAt),
    userSliceStride: 0,
    movieRaw: t.movieRaw,
    movieSliceStride: t.movieSliceStride,
    movieTargetOut: t.movieTargetOut,
    movieStaticOut: t.movieStaticOut,
    movieYear: t.movieYear,
    contentOut: t.contentOut,
    genres: t.genres,
    scaler,
    cf,
    rowBlocks,
    yearOfDay: t.yearOfDay,
  };
}

/** Scales a row-major block whose columns are output columns `[outAt, ...)`; unscaled if not output. */
export function scaleBlock(
  table: Float32Array,
  width: number,
  entities: number,
  scaler: ScalerParams,
  outAt: number,
): Float32Array {
  if (outAt < 0) return table;
  const out = new Float32Array(entities * width);
  for (let e = 0; e < entities; e++) {
    const at = e * width;
    for (let j = 0; j < width; j++) {
      out[at + j] = scaleValue(table[at + j]!, scaler.mean[outAt + j]!, scaler.std[outAt + j]!);
    }
  }
  return out;
}
