import {
  type Catalog,
  type Genome,
  type IdMap,
  idMapFromSorted,
  type OnProgress,
  type RatingsStore,
  type TagStore,
} from '@reco/data';
import { type CfJson, cfToJson, fitCf, type MfScorer } from './cf';
import { encodeArray } from './codec';
import { buildContentEmbeddings, type ContentEmbeddings } from './content';
import { FeatureError } from './errors';
import { assignFolds, checkFoldAssignment, deriveSeed } from './folds';
import { type MovieGenres, mapMovieGenres, vocabularyMasks } from './genres';
import { ageAtRating, type FeatureTables, genreAffinity, NOT_TRAIN, writeFeatureRows } from './kernel';
import { buildLayout, type Layout, M } from './layout';
import { type FeaturePipelineOptions, type ResolvedFeatureOptions, resolveOptions } from './options';
import { readPipelineJson } from './pipeline-json';
import { identityScaler, ScalerFitter, type ScalerParams } from './scaler';
import { type CountGlobals, fitStatistics, type SliceGlobals, UserAccumulator } from './statistics';
import { buildTables, type RawTables, withSingleUser } from './tables';
import { yearOfDayTable } from './time';
import { assertSortedRows } from './validate';

/** What the pipeline learns from: a loaded `Dataset` fits, or any object with these fields. */
export interface FeatureSource {
  readonly ratings: RatingsStore;
  readonly movies: Catalog;
  readonly tags?: TagStore;
  readonly genome?: Genome;
  /** When given, the pipeline keeps the userIds so a served model can map them to its rows. */
  readonly users?: IdMap;
}

export interface FeatureLogger {
  warn(message: string): void;
}

export interface FitFeaturePipelineOptions extends FeaturePipelineOptions {
  readonly dataset: FeatureSource;
  /** Sorted training row indices, e.g. `split.train`. Every statistic is learned from these only. */
  readonly trainRows: Uint32Array;
  /**
   * Fold of each training row (aligned with `trainRows`, values in 0..folds-1), e.g. to share folds
   * with another out-of-fold step. Default: a seeded assignment with balanced fold sizes.
   */
  readonly foldAssignment?: Uint8Array;
  readonly onProgress?: OnProgress;
  /** Receives the deck protocol's warning. Default `console`. */
  readonly logger?: FeatureLogger;
}

/** A row-major feature matrix: row i is `data[i·nCols .. (i+1)·nCols - 1]`. */
export interface FeatureMatrix {
  readonly data: Float32Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly names: readonly string[];
}

/**
 * Which statistics a store row is transformed with: 'train' rows (out-of-fold), 'eval' rows (full
 * training statistics). It is an assertion: rows are always routed by their membership in
 * `trainRows`, and a row of the other kind throws. Omit it to accept both kinds.
 */
export type RowPart = 'train' | 'eval';

export interface TransformRowsOptions {
  readonly part?: RowPart;
}

export interface TransformChunksOptions extends TransformRowsOptions {
  /** Rows per chunk. Default 65,536 (about 24 MB of float32 at 90 features). */
  readonly chunkRows?: number;
}

/** One block of a chunked transform: rows `start .. start + nRows - 1` of the request. */
export interface FeatureChunk {
  readonly start: number;
  readonly nRows: number;
  /** nRows x nCols, row-major. A view of a buffer reused by the next chunk: copy it to keep it. */
  readonly data: Float32Array;
}

/** Serving requests for known users: dense user and movie indices, one pair per row. */
export interface FeaturePairs {
  readonly user: Uint32Array;
  readonly movie: Uint32Array;
  /** When each pair is scored (unix seconds), for the movie's age. Default: `at`. */
  readonly timestamp?: Uint32Array;
  /** Default time of every pair. Default: the end of the training window (deterministic). */
  readonly at?: number;
}

/** A rating of a user the pipeline has never seen. */
export interface NewUserRating {
  readonly movieId: number;
  readonly rating: number;
  readonly timestamp?: number;
}

export interface NewUserOptions {
  /** When the candidates are scored (unix seconds). Default: the end of the training window. */
  readonly at?: number;
}

export interface FitReport {
  readonly protocol: 'honest' | 'deck';
  readonly trainRows: number;
  /** Rows the statistics came from: the training rows, or every row under the deck protocol. */
  readonly statisticRows: number;
  readonly folds: number;
  readonly globalMean: number;
  readonly contentTerms: number;
  /** Wall-clock seconds per fit stage. */
  readonly seconds: Readonly<Record<string, number>>;
}

export const FEATURE_PIPELINE_FORMAT = 'reco.feature-pipeline';
export const FEATURE_PIPELINE_VERSION = 1;

/** The serving state of a fitted pipeline (see `FeaturePipeline.toJSON`). */
export interface FeaturePipelineJson {
  readonly format: typeof FEATURE_PIPELINE_FORMAT;
  readonly version: typeof FEATURE_PIPELINE_VERSION;
  readonly options: ResolvedFeatureOptions;
  readonly featureNames: readonly string[];
  /** The genre vocabulary of the `pref_` and `genre_` columns. */
  readonly genres: readonly string[];
  readonly nUsers: number;
  readonly nMovies: number;
  /** base64 little-endian Int32: external id per dense index. */
  readonly movieIds: string;
  readonly userIds: string | null;
  /** base64 Uint32: vocabulary genre bits per movie. */
  readonly movieGenreMasks: string;
  readonly globals: SliceGlobals;
  readonly countGlobals: CountGlobals;
  /** base64 Float32, unscaled full-training statistics: nUsers x userCols and nMovies x movieCols. */
  readonly userTable: string;
  readonly movieTable: string;
  readonly content: { readonly dims: number; readonly terms: number; readonly vectors: string };
  readonly scaler: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** The full-training MF model of the 'cf' family (`@reco/cf-svd` encoding), or null. */
  readonly cf: CfJson | null;
}

const DECK_WARNING =
  "@reco/features: protocol 'deck' computes user and movie statistics on ALL ratings, validation and " +
  'test included. Its scores are inflated by that leak; use it only to reproduce the deck beside honest numbers.';

/** State kept only by a pipeline fitted in this process: what store rows mean. */
export interface FitState {
  readonly ratings: RatingsStore;
  /** Slice per store row (a fold for training rows), NOT_TRAIN elsewhere. */
  readonly rowSlice: Uint8Array;
  readonly folds: Uint8Array;
}

/** @internal */
export interface PipelineState {
  readonly options: ResolvedFeatureOptions;
  readonly layout: Layout;
  readonly tables: FeatureTables;
  readonly genres: MovieGenres;
  readonly globals: SliceGlobals;
  readonly countGlobals: CountGlobals;
  readonly nUsers: number;
  readonly movieIds: Int32Array;
  readonly userIds: Int32Array | null;
  readonly content: ContentEmbeddings;
  readonly cf: MfScorer | null;
  readonly fit: FitState | null;
  readonly report: FitReport | null;
}

/**
 * A fitted feature pipeline: the statistics learned from training rows, and pure transforms that
 * turn (user, movie) pairs into feature rows. It has a lifecycle (fit once, transform many times,
 * serialize), hence a class; create it with `fitFeaturePipeline` or `FeaturePipeline.fromJSON`.
 */
export class FeaturePipeline {
  /** Column names, in output order. */
  readonly featureNames: readonly string[];
  readonly nFeatures: number;
  readonly options: ResolvedFeatureOptions;
  /** Movie content embeddings (unscaled), also the input of "similar movies". */
  readonly contentEmbeddings: ContentEmbeddings;
  /** External movieId per dense movie index. */
  readonly movieIds: Int32Array;
  /** External userId per dense user index, when the dataset provided them. */
  readonly userIds: Int32Array | null;
  /** Fit timings and counts; null for a pipeline read back with `fromJSON`. */
  readonly report: FitReport | null;
  readonly nUsers: number;
  readonly nMovies: number;

  private readonly state: PipelineState;
  private readonly movieMap: IdMap;
  private userMap: IdMap | null = null;

  private constructor(state: PipelineState) {
    this.state = state;
    this.options = state.options;
    this.featureNames = state.layout.columns.map((c) => c.name);
    this.nFeatures = this.featureNames.length;
    this.contentEmbeddings = state.content;
    this.movieIds = state.movieIds;
    this.userIds = state.userIds;
    this.report = state.report;
    this.nUsers = state.nUsers;
    this.nMovies = state.movieIds.length;
    this.movieMap = idMapFromSorted(state.movieIds);
  }

  /** Fold of each training row (aligned with `trainRows`); null after `fromJSON` or under 'deck'. */
  get folds(): Uint8Array | null {
    return this.state.fit !== null && this.options.protocol === 'honest' ? this.state.fit.folds : null;
  }

  /** Dense movie index of a MovieLens movieId, or -1. */
  movieIndex(movieId: number): number {
    return this.movieMap.indexOf(movieId);
  }

  /** Dense user index of a MovieLens userId, or -1 (always -1 when the dataset gave no user ids). */
  userIndex(userId: number): number {
    if (this.userIds === null) return -1;
    this.userMap ??= idMapFromSorted(this.userIds);
    return this.userMap.indexOf(userId);
  }

  /**
   * Feature rows for rows of the store the pipeline was fitted on. Training rows get their fold's
   * out-of-fold statistics, every other row the full training statistics.
   */
  transformRows(rows: Uint32Array, options: TransformRowsOptions = {}): FeatureMatrix {
    const fit = this.requireFit('transformRows');
    this.checkRows(fit, rows, options.part);
    const data = new Float32Array(rows.length * this.nFeatures);
    writeFeatureRows(this.state.tables, this.storeBatch(fit, rows, 0, rows.length), data);
    return { data, nRows: rows.length, nCols: this.nFeatures, names: this.featureNames };
  }

  /**
   * The same rows as `transformRows`, as a stream of blocks written into one reused buffer, so
   * scoring 20M rows never holds more than `chunkRows` of them.
   */
  *transformRowsInChunks(rows: Uint32Array, options: TransformChunksOptions = {}): Generator<FeatureChunk> {
    const { chunkRows = 65_536 } = options;
    if (!(Number.isInteger(chunkRows) && chunkRows > 0)) {
      throw new FeatureError(
        `transformRowsInChunks: chunkRows must be a positive integer (got ${chunkRows})`,
      );
    }
    const fit = this.requireFit('transformRowsInChunks');
    this.checkRows(fit, rows, options.part);
    const buffer = new Float32Array(Math.min(chunkRows, rows.length) * this.nFeatures);
    for (let start = 0; start < rows.length; start += chunkRows) {
      const end = Math.min(rows.length, start + chunkRows);
      // The kernel writes batch row i at (i - from)·nCols, so the chunk lands at the buffer's start.
      writeFeatureRows(this.state.tables, this.storeBatch(fit, rows, start, end), buffer);
      const nRows = end - start;
      yield { start, nRows, data: buffer.subarray(0, nRows * this.nFeatures) };
    }
  }

  /** Feature rows for known users (serving): full training statistics for every pair. */
  transformPairs(pairs: FeaturePairs): FeatureMatrix {
    const { user, movie, timestamp } = pairs;
    const n = user.length;
    if (movie.length !== n || (timestamp !== undefined && timestamp.length !== n)) {
      throw new FeatureError(
        `transformPairs: user, movie and timestamp must have equal lengths (got ${n}, ${movie.length}, ${timestamp?.length})`,
      );
    }
    for (let i = 0; i < n; i++) {
      if (user[i]! >= this.nUsers) {
        throw new FeatureError(
          `transformPairs: user index ${user[i]} at pair ${i} is not a training user (0..${this.nUsers - 1}); ` +
            'use transformForNewUser for users without training ratings',
        );
      }
      if (movie[i]! >= this.nMovies) {
        throw new FeatureError(
          `transformPairs: movie index ${movie[i]} at pair ${i} is outside the catalog (0..${this.nMovies - 1})`,
        );
      }
    }
    const data = new Float32Array(n * this.nFeatures);
    writeFeatureRows(
      this.state.tables,
      {
        users: user,
        movies: movie,
        timestamps: timestamp ?? null,
        referenceTime: this.referenceTime(pairs.at),
        rows: null,
        rowSlice: null,
        from: 0,
        to: n,
      },
      data,
    );
    return { data, nRows: n, nCols: this.nFeatures, names: this.featureNames };
  }

  /**
   * Feature rows for a user the pipeline has not seen, from a handful of their ratings, without
   * refitting: their user statistics are computed from `ratings` with the same formulas, the global
   * statistics and the prior weights of the full training set; movie statistics are unchanged.
   * One row per entry of `movieIds`, in order.
   */
  transformForNewUser(
    ratings: readonly NewUserRating[],
    movieIds: readonly number[],
    options: NewUserOptions = {},
  ): FeatureMatrix {
    const where = 'transformForNewUser';
    const movies = this.movieIndices(where, movieIds);
    const rated = this.movieIndices(
      where,
      ratings.map((r) => r.movieId),
    );
    const seen = new Set<number>();
    ratings.forEach((r, i) => {
      if (!(Number.isFinite(r.rating) && r.rating >= 0.5 && r.rating <= 5)) {
        throw new FeatureError(`${where}: ratings[${i}].rating must be between 0.5 and 5 (got ${r.rating})`);
      }
      if (r.timestamp !== undefined && !(Number.isInteger(r.timestamp) && r.timestamp >= 0)) {
        throw new FeatureError(`${where}: ratings[${i}].timestamp must be unix seconds (got ${r.timestamp})`);
      }
      if (seen.has(r.movieId)) throw new FeatureError(`${where}: movieId ${r.movieId} is rated twice`);
      seen.add(r.movieId);
    });

    const { tables, layout, genres, globals, countGlobals, options: o } = this.state;
    const acc = new UserAccumulator(1, genres.names.length);
    ratings.forEach((r, i) => {
      acc.add(0, r.rating, r.timestamp ?? -1, o.likeThreshold, genres, rated[i]!);
    });
    const userRaw = new Float32Array(layout.userCols);
    acc.write(userRaw, 0, -1, globals, countGlobals, o);
    const cf =
      this.state.cf === null
        ? null
        : this.state.cf.forNewUser(
            rated,
            Float64Array.from(ratings, (r) => r.rating),
          );
    const single = withSingleUser(tables, userRaw, cf);
    const n = movies.length;
    const data = new Float32Array(n * this.nFeatures);
    writeFeatureRows(
      single,
      {
        users: new Uint32Array(n),
        movies,
        timestamps: null,
        referenceTime: this.referenceTime(options.at),
        rows: null,
        rowSlice: null,
        from: 0,
        to: n,
      },
      data,
    );
    return { data, nRows: n, nCols: this.nFeatures, names: this.featureNames };
  }

  /**
   * The serving state as plain JSON-safe data: full-training statistics, content embeddings and the
   * scaler, with typed arrays as base64. Out-of-fold tables are fit-time only and not included, so a
   * pipeline read back serves `transformPairs` and `transformForNewUser`, byte for byte as before.
   */
  toJSON(): FeaturePipelineJson {
    const { tables, layout, genres, globals, countGlobals, options, content, nUsers } = this.state;
    const userSize = nUsers * layout.userCols;
    const movieSize = this.nMovies * layout.movieCols;
    const userFrom = tables.full * nUsers * layout.userCols;
    const movieFrom = tables.full * movieSize;
    return {
      format: FEATURE_PIPELINE_FORMAT,
      version: FEATURE_PIPELINE_VERSION,
      options,
      featureNames: this.featureNames,
      genres: genres.names,
      nUsers,
      nMovies: this.nMovies,
      movieIds: encodeArray(this.movieIds),
      userIds: this.userIds === null ? null : encodeArray(this.userIds),
      movieGenreMasks: encodeArray(vocabularyMasks(genres)),
      globals,
      countGlobals,
      userTable: encodeArray(tables.userRaw.subarray(userFrom, userFrom + userSize)),
      movieTable: encodeArray(tables.movieRaw.subarray(movieFrom, movieFrom + movieSize)),
      content: { dims: content.dims, terms: content.terms, vectors: encodeArray(content.vectors) },
      scaler: { mean: Array.from(tables.scaler.mean), std: Array.from(tables.scaler.std) },
      cf: this.state.cf === null ? null : cfToJson(this.state.cf),
    };
  }

  /** Reads back `toJSON()` output (parsed). Throws `FeatureError` on another format or version. */
  static fromJSON(json: unknown): FeaturePipeline {
    return new FeaturePipeline(readPipelineJson(json));
  }

  /** @internal Used by `fitFeaturePipeline` and `fromJSON`; not part of the public API. */
  static create(state: PipelineState): FeaturePipeline {
    return new FeaturePipeline(state);
  }

  private requireFit(where: string): FitState {
    if (this.state.fit === null) {
      throw new FeatureError(
        `${where}: this pipeline was read from JSON and has no ratings store; ` +
          'use transformPairs (known users) or transformForNewUser',
      );
    }
    return this.state.fit;
  }

  private checkRows(fit: FitState, rows: Uint32Array, part: RowPart | undefined): void {
    const n = fit.ratings.length;
    const { rowSlice } = fit;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r >= n) {
        throw new FeatureError(`transform: row ${r} (at ${i}) is outside the ratings store (${n} rows)`);
      }
      if (part === undefined) continue;
      const isTrain = rowSlice[r] !== NOT_TRAIN;
      if (part === 'train' && !isTrain) {
        throw new FeatureError(`transform: row ${r} (at ${i}) is not a training row, but part is 'train'`);
      }
      if (part === 'eval' && isTrain) {
        throw new FeatureError(
          `transform: row ${r} (at ${i}) is a training row, but part is 'eval'; training rows are ` +
            "transformed with their out-of-fold statistics (part 'train')",
        );
      }
    }
  }

  private storeBatch(fit: FitState, rows: Uint32Array, from: number, to: number) {
    return {
      users: fit.ratings.user,
      movies: fit.ratings.movie,
      timestamps: fit.ratings.timestamp,
      referenceTime: 0,
      rows,
      rowSlice: fit.rowSlice,
      from,
      to,
    };
  }

  private referenceTime(at: number | undefined): number {
    if (at === undefined) return this.state.countGlobals.windowEnd;
    if (!(Number.isInteger(at) && at >= 0)) {
      throw new FeatureError(`transform: at must be a unix timestamp in seconds (got ${at})`);
    }
    return at;
  }

  private movieIndices(where: string, movieIds: readonly number[]): Uint32Array {
    const out = new Uint32Array(movieIds.length);
    const unknown: number[] = [];
    movieIds.forEach((id, i) => {
      const m = this.movieMap.indexOf(id);
      if (m < 0) unknown.push(id);
      else out[i] = m;
    });
    if (unknown.length > 0) {
      const shown = unknown.slice(0, 5).join(', ');
      throw new FeatureError(
        `${where}: unknown movieId${unknown.length > 1 ? 's' : ''} ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}; ` +
          'only movies of the training catalog can be scored',
      );
    }
    return out;
  }
}

/**
 * Learns every statistic from `trainRows` (out of fold for the training rows themselves), builds the
 * content embeddings, and fits the scaler on the training rows' features. See the README for the
 * formulas.
 */
export async function fitFeaturePipeline(options: FitFeaturePipelineOptions): Promise<FeaturePipeline> {
  const o = resolveOptions(options);
  const { dataset, trainRows, onProgress } = options;
  const { ratings, movies } = dataset;
  const where = 'fitFeaturePipeline';
  const seconds: Record<string, number> = {};
  let clock = performance.now();
  const stage = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - clock) / 1000;
    clock = now;
    onProgress?.({ stage: `features: ${name}`, done: 1, total: 1 });
  };

  if (trainRows.length === 0) {
    throw new FeatureError(`${where}: the training set is empty; pass split.train with at least one row`);
  }
  assertSortedRows(where, 'trainRows', trainRows, ratings.length);
  const nMovies = movies.movies.length;
  const nUsers = ratings.userOffsets.length - 1;
  for (let r = 0; r < ratings.length; r++) {
    if (ratings.movie[r]! >= nMovies) {
      throw new FeatureError(
        `${where}: ratings row ${r} refers to movie index ${ratings.movie[r]}, but the catalog has ${nMovies} movies`,
      );
    }
  }
  const deck = o.protocol === 'deck';
  if (!deck && trainRows.length < o.folds) {
    throw new FeatureError(`${where}: ${trainRows.length} training rows cannot fill ${o.folds} folds`);
  }
  if (deck) (options.logger ?? console).warn(DECK_WARNING);

  const genres = mapMovieGenres(movies);
  if (genres.names.length > 32) {
    throw new FeatureError(
      `${where}: the catalog has ${genres.names.length} genres; at most 32 are supported`,
    );
  }
  const years = new Float64Array(nMovies);
  const known: number[] = [];
  movies.movies.forEach((movie, m) => {
    years[m] = movie.year ?? Number.NaN;
    if (movie.year !== null) known.push(movie.year);
  });
  known.sort((a, b) => a - b);
  const half = known.length >> 1;
  const medianYear =
    known.length === 0 ? 0 : known.length % 2 ? known[half]! : (known[half - 1]! + known[half]!) / 2;

  // Folds: honest training rows get a fold each; under 'deck' every row feeds one slot and the
  // training rows use the (leaky) full statistics like any other row.
  let folds: Uint8Array;
  if (deck) folds = new Uint8Array(trainRows.length);
  else if (options.foldAssignment !== undefined) {
    checkFoldAssignment(options.foldAssignment, trainRows.length, o.folds);
    folds = options.foldAssignment.slice();
  } else folds = assignFolds(trainRows.length, o.folds, deriveSeed(o.seed, 0xf01d));
  const rowSlice = new Uint8Array(ratings.length).fill(NOT_TRAIN);
  for (let p = 0; p < trainRows.length; p++) rowSlice[trainRows[p]!] = folds[p]!;
  let statRows = trainRows;
  let slotOf = folds;
  if (deck) {
    statRows = new Uint32Array(ratings.length);
    for (let r = 0; r < statRows.length; r++) statRows[r] = r;
    slotOf = new Uint8Array(ratings.length);
  }
  const nFolds = deck ? 0 : o.folds;
  stage('folds');

  const layout = buildLayout(genres.names, o.families, o.contentDims);
  const stats = fitStatistics({
    ratings,
    statRows,
    slotOf,
    folds: nFolds,
    genres,
    years,
    medianYear,
    settings: o,
    userCols: layout.userCols,
    movieCols: layout.movieCols,
    onPass: (name) => onProgress?.({ stage: `features: ${name}`, done: 0, total: 1 }),
  });
  stage('statistics');

  const content = buildContentEmbeddings({
    movies,
    ...(dataset.tags === undefined ? {} : { tags: dataset.tags }),
    ...(dataset.genome === undefined ? {} : { genome: dataset.genome }),
    dims: o.contentDims,
    minDocumentFrequency: o.minDocumentFrequency,
    genomeMinRelevance: o.genomeMinRelevance,
    seed: deriveSeed(o.seed, 0xc0de),
  });
  stage('content');

  let cf: MfScorer | null = null;
  if (o.families.cf) {
    onProgress?.({ stage: 'features: cf', done: 0, total: 1 });
    cf = await fitCf({
      ratings,
      nMovies,
      trainRows,
      folds: o.folds,
      deck,
      options: o.cf,
      seed: deriveSeed(o.seed, 0xcf),
      full: nFolds,
    });
    stage('cf');
  }

  const full = nFolds;
  const raw: RawTables = {
    layout,
    slices: stats.slices,
    nUsers,
    nMovies,
    userRaw: stats.userTable,
    movieRaw: stats.movieTable,
    content: content.vectors,
    genres,
    cf,
  };
  const scaler = o.scale
    ? fitScaler(raw, ratings, trainRows, rowSlice)
    : identityScaler(layout.columns.length);
  const tables = buildTables(raw, scaler);
  stage('scaler');

  return FeaturePipeline.create({
    options: o,
    layout,
    tables,
    genres,
    globals: stats.globals[full]!,
    countGlobals: stats.countGlobals,
    nUsers,
    movieIds: Int32Array.from(movies.ids.ids),
    userIds: dataset.users === undefined ? null : Int32Array.from(dataset.users.ids),
    content,
    cf,
    fit: { ratings, rowSlice, folds },
    report: {
      protocol: o.protocol,
      trainRows: trainRows.length,
      statisticRows: statRows.length,
      folds: nFolds,
      globalMean: stats.globals[full]!.mean,
      contentTerms: content.terms,
      seconds,
    },
  });
}

/**
 * Fits the scaler on the training rows' features without materialising them: table columns are
 * weighted by how many training rows copy each (slice, user) or (slice, movie) entry, and the
 * per-row columns are computed in one pass over the training rows.
 */
function fitScaler(
  raw: RawTables,
  ratings: RatingsStore,
  trainRows: Uint32Array,
  rowSlice: Uint8Array,
): ScalerParams {
  const { layout, slices, nUsers, nMovies, userRaw, movieRaw, content, cf } = raw;
  const fitter = new ScalerFitter(
    layout.columns.length,
    layout.columns.map((c) => c.scaled),
  );
  const userWeight = new Uint32Array(slices * nUsers);
  const movieWeight = new Uint32Array(slices * nMovies);
  const contentWeight = new Uint32Array(nMovies);
  const movieYear = new Float32Array(nMovies);
  const fullMovies = (slices - 1) * nMovies * layout.movieCols;
  for (let m = 0; m < nMovies; m++) movieYear[m] = movieRaw[fullMovies + m * layout.movieCols + M.year]!;
  const yearOfDay = yearOfDayTable();
  const { start: genreStart, index: genreIndex } = raw.genres;
  const { user, movie, timestamp } = ratings;
  const { ageAt, affinityAt, cfAt, userCols } = layout;
  const userStride = nUsers * userCols;
  // One pass over the training rows: count the table entries they copy and feed the per-row values.
  for (let p = 0; p < trainRows.length; p++) {
    const r = trainRows[p]!;
    const s = rowSlice[r]!;
    const u = user[r]!;
    const m = movie[r]!;
    userWeight[s * nUsers + u]!++;
    movieWeight[s * nMovies + m]!++;
    contentWeight[m]!++;
    if (ageAt >= 0) fitter.observe(ageAt, ageAtRating(yearOfDay, movieYear, m, timestamp[r]!));
    if (affinityAt >= 0) {
      fitter.observe(
        affinityAt,
        genreAffinity(userRaw, s * userStride + u * userCols, genreStart, genreIndex, m),
      );
    }
    if (cfAt >= 0 && cf !== null) fitter.observe(cfAt, cf.score(u, m, s, r));
  }
  for (const col of [ageAt, affinityAt, cfAt]) if (col >= 0) fitter.finishObserved(col);
  if (layout.userAt >= 0) fitter.fitTable(userRaw, userCols, 0, userCols, userWeight, layout.userAt);
  if (layout.movieAt >= 0)
    fitter.fitTable(movieRaw, layout.movieCols, 0, layout.movieCols, movieWeight, layout.movieAt);
  if (layout.contentAt >= 0) {
    fitter.fitTable(content, layout.contentDims, 0, layout.contentDims, contentWeight, layout.contentAt);
  }
  return fitter.result();
}
