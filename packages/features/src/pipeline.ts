import {
  type Catalog,
  type Genome,
  type IdMap,
  idMapFromSorted,
  type OnProgress,
  type RatingsStore,
  type TagStore,
} from '@reco/data';
import { cfToJson } from './cf';
import { encodeArray } from './codec';
import type { ContentEmbeddings } from './content';
import { FeatureError } from './errors';
import { fitPipelineState } from './fit';
import { vocabularyMasks } from './genres';
import { NOT_TRAIN, writeFeatureRows } from './kernel';
import type { FeaturePipelineOptions, ResolvedFeatureOptions } from './options';
import { type PipelineArray, pipelineArrays } from './pipeline-arrays';
import {
  FEATURE_PIPELINE_FORMAT,
  FEATURE_PIPELINE_VERSION,
  type FeaturePipelineJson,
  readPipelineJson,
} from './pipeline-json';
import { blocksForNewUser, rowBlocksToJson } from './rows/blocks';
import type { FitState, PipelineState } from './state';
import { UserAccumulator } from './statistics';
import { withSingleUser } from './tables';

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
        'bad-input',
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
        'bad-input',
        `transformPairs: user, movie and timestamp must have equal lengths (got ${n}, ${movie.length}, ${timestamp?.length})`,
      );
    }
    for (let i = 0; i < n; i++) {
      if (user[i]! >= this.nUsers) {
        throw new FeatureError(
          'bad-input',
          `transformPairs: user index ${user[i]} at pair ${i} is not a training user (0..${this.nUsers - 1}); ` +
            'use transformForNewUser for users without training ratings',
        );
      }
      if (movie[i]! >= this.nMovies) {
        throw new FeatureError(
          'bad-input',
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
        throw new FeatureError(
          'bad-input',
          `${where}: ratings[${i}].rating must be between 0.5 and 5 (got ${r.rating})`,
        );
      }
      if (r.timestamp !== undefined && !(Number.isInteger(r.timestamp) && r.timestamp >= 0)) {
        throw new FeatureError(
          'bad-input',
          `${where}: ratings[${i}].timestamp must be unix seconds (got ${r.timestamp})`,
        );
      }
      if (seen.has(r.movieId))
        throw new FeatureError('bad-input', `${where}: movieId ${r.movieId} is rated twice`);
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
    const rows = {
      movies: rated,
      ratings: Float64Array.from(ratings, (r) => r.rating),
      timestamps: Float64Array.from(ratings, (r) => r.timestamp ?? -1),
    };
    const single = withSingleUser(tables, userRaw, cf, blocksForNewUser(tables.rowBlocks, rows));
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
      rows: rowBlocksToJson(tables.rowBlocks, layout),
    };
  }

  /**
   * The serving state's numeric arrays by name (`user_table`, `movie_table`, `content_vectors`,
   * `scaler_mean`, `scaler_std`, `movie_ids`, `user_ids`, `movie_genre_masks`, and `cf_*` when
   * the 'cf' family is on): copies, with shapes and descriptions, for `.npy` writers. The values
   * are the ones `toJSON` stores; scalars (globals, options, names) stay in the JSON.
   */
  toArrays(): Record<string, PipelineArray> {
    return pipelineArrays(this.state);
  }

  /** Reads back `toJSON()` output (parsed). Throws `FeatureError` on another format or version. */
  static fromJSON(json: unknown): FeaturePipeline {
    return new FeaturePipeline(readPipelineJson(json));
  }

  /** Same as `fitFeaturePipeline`. */
  static async fit(options: FitFeaturePipelineOptions): Promise<FeaturePipeline> {
    return new FeaturePipeline(await fitPipelineState(options));
  }

  private requireFit(where: string): FitState {
    if (this.state.fit === null) {
      throw new FeatureError(
        'bad-input',
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
        throw new FeatureError(
          'bad-input',
          `transform: row ${r} (at ${i}) is outside the ratings store (${n} rows)`,
        );
      }
      if (part === undefined) continue;
      const isTrain = rowSlice[r] !== NOT_TRAIN;
      if (part === 'train' && !isTrain) {
        throw new FeatureError(
          'bad-input',
          `transform: row ${r} (at ${i}) is not a training row, but part is 'train'`,
        );
      }
      if (part === 'eval' && isTrain) {
        throw new FeatureError(
          'bad-input',
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
      throw new FeatureError('bad-input', `transform: at must be a unix timestamp in seconds (got ${at})`);
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
        'bad-input',
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
export function fitFeaturePipeline(options: FitFeaturePipelineOptions): Promise<FeaturePipeline> {
  return FeaturePipeline.fit(options);
}
