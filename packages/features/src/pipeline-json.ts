import { type CfJson, cfFromJson } from './cf';
import { decodeFloat32, decodeInt32, decodeUint32 } from './codec';
import { FeatureError } from './errors';
import { genresFromVocabularyMasks } from './genres';
import { buildLayout, type Layout } from './layout';
import { type FeaturePipelineOptions, type ResolvedFeatureOptions, resolveOptions } from './options';
import { rowBlocksFromJson } from './rows/blocks';
import type { ScalerParams } from './scaler';
import type { PipelineState } from './state';
import type { CountGlobals, SliceGlobals } from './statistics';
import { buildTables } from './tables';

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
  /** The FULL slice of each row family (baseline, taste, time) that is output. */
  readonly rows?: Record<string, unknown>;
}

const WHERE = 'FeaturePipeline.fromJSON';

type JsonFields = Partial<Record<keyof FeaturePipelineJson, unknown>>;

/**
 * Validates a parsed `FeaturePipeline.toJSON()` document and rebuilds the serving state from it.
 * Fields are checked in document order, so the first problem is the one reported.
 */
export function readPipelineJson(value: unknown): PipelineState {
  const json = asRecord(value, 'the document') as JsonFields;
  checkFormat(json);
  const options = readOptions(json.options);
  const genreNames = stringArray(json.genres, 'genres');
  const nUsers = count(json.nUsers, 'nUsers');
  const nMovies = count(json.nMovies, 'nMovies');
  const layout = readLayout(json.featureNames, genreNames, options);
  const genres = genresFromVocabularyMasks(
    genreNames,
    decodeUint32('movieGenreMasks', json.movieGenreMasks, nMovies),
  );
  const content = asRecord(json.content, 'content');
  const dims = count(content.dims, 'content.dims');
  if (dims !== options.contentDims) {
    throw new FeatureError(
      'bad-pipeline-json',
      `${WHERE}: content.dims ${dims} differs from options.contentDims ${options.contentDims}`,
    );
  }
  const vectors = decodeFloat32('content.vectors', content.vectors, nMovies * dims);
  const scaler = readScaler(json.scaler, layout.columns.length);
  const userRaw = decodeFloat32('userTable', json.userTable, nUsers * layout.userCols);
  const movieRaw = decodeFloat32('movieTable', json.movieTable, nMovies * layout.movieCols);
  const cf = options.families.cf ? cfFromJson(json.cf, 0) : null;
  const rowBlocks = rowBlocksFromJson(json.rows, layout, {
    nUsers,
    nMovies,
    genres,
    rawContent: vectors,
    contentDims: dims,
    likeThreshold: options.likeThreshold,
  });
  const tables = buildTables(
    { layout, slices: 1, nUsers, nMovies, userRaw, movieRaw, content: vectors, genres, cf, rowBlocks },
    scaler,
  );
  return {
    options,
    layout,
    tables,
    genres,
    ...readGlobals(json),
    nUsers,
    movieIds: decodeInt32('movieIds', json.movieIds, nMovies),
    userIds: json.userIds === null ? null : decodeInt32('userIds', json.userIds, nUsers),
    content: {
      dims,
      movieIds: decodeInt32('movieIds', json.movieIds, nMovies),
      vectors,
      terms: count(content.terms, 'content.terms'),
    },
    cf,
    fit: null,
    report: null,
  };
}

function checkFormat(json: JsonFields): void {
  if (json.format !== FEATURE_PIPELINE_FORMAT) {
    throw new FeatureError(
      'bad-pipeline-json',
      `${WHERE}: not a feature pipeline (format is ${JSON.stringify(json.format)})`,
    );
  }
  if (json.version !== FEATURE_PIPELINE_VERSION) {
    throw new FeatureError(
      'bad-pipeline-json',
      `${WHERE}: format version ${JSON.stringify(json.version)} is not supported; this @reco/features reads version ${FEATURE_PIPELINE_VERSION}` +
        (typeof json.version === 'number' && json.version > FEATURE_PIPELINE_VERSION
          ? ' (the file was written by a newer release: upgrade @reco/features)'
          : ''),
    );
  }
}

function readOptions(value: unknown): ResolvedFeatureOptions {
  const rawOptions = asRecord(value, 'options') as unknown as FeaturePipelineOptions;
  // Pipelines written before the row families existed have none of them.
  const families = { baseline: false, taste: false, time: false, ...rawOptions.families };
  return resolveOptions({ ...rawOptions, families }, WHERE);
}

/** The layout the options and genres imply, which the stored feature names must match exactly. */
function readLayout(featureNames: unknown, genreNames: string[], options: ResolvedFeatureOptions): Layout {
  const layout = buildLayout(genreNames, options.families, options.contentDims);
  const names = stringArray(featureNames, 'featureNames');
  if (names.length !== layout.columns.length || names.some((n, i) => n !== layout.columns[i]!.name)) {
    throw new FeatureError(
      'bad-pipeline-json',
      `${WHERE}: featureNames do not match the options and genres; the file was edited`,
    );
  }
  return layout;
}

function readScaler(value: unknown, nCols: number): ScalerParams {
  const scalerJson = asRecord(value, 'scaler');
  return {
    mean: Float64Array.from(numberArray(scalerJson.mean, 'scaler.mean', nCols)),
    std: Float64Array.from(numberArray(scalerJson.std, 'scaler.std', nCols)),
  };
}

function readGlobals(json: JsonFields): { globals: SliceGlobals; countGlobals: CountGlobals } {
  return {
    globals: numberRecord<SliceGlobals>(json.globals, 'globals', ['count', 'mean', 'std', 'likeRatio']),
    countGlobals: numberRecord<CountGlobals>(json.countGlobals, 'countGlobals', [
      'topHour',
      'weekendShare',
      'windowEnd',
      'recentFrom',
      'recentShare',
      'medianYear',
    ]),
  };
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FeatureError('bad-pipeline-json', `${WHERE}: ${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

function count(value: unknown, what: string): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
    throw new FeatureError('bad-pipeline-json', `${WHERE}: ${what} must be a non-negative integer`);
  }
  return value;
}

function stringArray(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new FeatureError('bad-pipeline-json', `${WHERE}: ${what} must be an array of strings`);
  }
  return value as string[];
}

function numberArray(value: unknown, what: string, length: number): number[] {
  if (!Array.isArray(value) || value.length !== length || value.some((v) => typeof v !== 'number')) {
    throw new FeatureError('bad-pipeline-json', `${WHERE}: ${what} must be an array of ${length} numbers`);
  }
  return value as number[];
}

function numberRecord<T>(value: unknown, what: string, keys: readonly string[]): T {
  const record = asRecord(value, what);
  for (const key of keys) {
    if (typeof record[key] !== 'number')
      throw new FeatureError('bad-pipeline-json', `${WHERE}: ${what}.${key} must be a number`);
  }
  return record as T;
}
