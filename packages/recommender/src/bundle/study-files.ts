import { type AlsModel, type CfModel, decodeModel, encodeModel, type MfModel } from '@reco/cf-svd';
import { type Catalog, type IdMap, idMapFromSorted, type Movie, type RatingsStore } from '@reco/data';
import { FeaturePipeline } from '@reco/features';
import { type Classifier, loadClassifierFromBytes } from '@reco/models';
import { RecommenderError } from '../errors';
import { type RecommenderParts, trainingRatings } from '../parts';
import type { ModelInfo } from '../types';
import { type ColumnArray, decodeColumns, encodeColumns, requireColumn } from './columns';
import { type Bundle, readBundleBytes, readBundleJson } from './read-bundle';
import type { BundleWriter } from './write-bundle';

/** Where each part of a study lives inside the bundle. */
export const BUNDLE_PATHS = {
  pipeline: 'features/pipeline.json',
  catalog: 'data/catalog.json',
  ratings: 'data/ratings.bin',
  ratingsHeader: 'data/ratings.json',
  split: 'split/rows.bin',
  splitHeader: 'split/rows.json',
  predictions: 'predictions/scores.bin',
  predictionsHeader: 'predictions/scores.json',
  mf: 'cf/mf.bin',
  mfHeader: 'cf/mf.json',
  als: 'cf/als.bin',
  alsHeader: 'cf/als.json',
  comparisonJson: 'metrics/comparison.json',
  comparisonMarkdown: 'metrics/comparison.md',
  comparisonCsv: 'metrics/comparison.csv',
  cfComparison: 'metrics/cf.json',
  rankingJson: 'metrics/ranking.json',
  rankingMarkdown: 'metrics/ranking.md',
  top10: 'recommendations/top10.csv',
} as const;

/** `models/<model>-<variant>.json`: XGBoost's JSON model format, or the versioned logistic format. */
export function modelPath(model: string, variant: string): string {
  return `models/${model}-${variant}.json`;
}

/** The split's row indices into `data/ratings.bin`, each sorted ascending. */
export interface StoredSplit {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
  readonly test: Uint32Array;
}

/** The dataset as the bundle keeps it: every rating (so `reco evaluate` needs no dataset folder). */
export interface StoredData {
  readonly ratings: RatingsStore;
  readonly users: IdMap;
  readonly catalog: Catalog;
  readonly split: StoredSplit;
}

export async function writeStoredData(writer: BundleWriter, data: StoredData): Promise<void> {
  const { ratings, users, catalog, split } = data;
  const stored = encodeColumns({
    user: ratings.user,
    movie: ratings.movie,
    rating: ratings.rating,
    timestamp: ratings.timestamp,
    userOffsets: ratings.userOffsets,
    userIds: users.ids,
  });
  await writer.write(BUNDLE_PATHS.ratingsHeader, json(stored.header));
  await writer.write(BUNDLE_PATHS.ratings, stored.bytes);
  const rows = encodeColumns({ train: split.train, validation: split.validation, test: split.test });
  await writer.write(BUNDLE_PATHS.splitHeader, json(rows.header));
  await writer.write(BUNDLE_PATHS.split, rows.bytes);
  await writer.write(BUNDLE_PATHS.catalog, json({ genreNames: catalog.genreNames, movies: catalog.movies }));
}

export async function readStoredData(bundle: Bundle): Promise<StoredData> {
  const file = BUNDLE_PATHS.ratings;
  const columns = decodeColumns(
    await readBundleJson(bundle, BUNDLE_PATHS.ratingsHeader),
    await readBundleBytes(bundle, file),
    file,
  );
  const user = requireColumn(columns, 'user', Uint32Array, file);
  const ratings: RatingsStore = {
    length: user.length,
    user,
    movie: requireColumn(columns, 'movie', Uint32Array, file),
    rating: requireColumn(columns, 'rating', Float32Array, file),
    timestamp: requireColumn(columns, 'timestamp', Uint32Array, file),
    userOffsets: requireColumn(columns, 'userOffsets', Uint32Array, file),
  };
  const users = idMapFromSorted(requireColumn(columns, 'userIds', Int32Array, file));
  const splitFile = BUNDLE_PATHS.split;
  const parts = decodeColumns(
    await readBundleJson(bundle, BUNDLE_PATHS.splitHeader),
    await readBundleBytes(bundle, splitFile),
    splitFile,
  );
  const split: StoredSplit = {
    train: requireColumn(parts, 'train', Uint32Array, splitFile),
    validation: requireColumn(parts, 'validation', Uint32Array, splitFile),
    test: requireColumn(parts, 'test', Uint32Array, splitFile),
  };
  for (const [name, rows] of Object.entries(split)) {
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]! >= ratings.length) {
        throw new RecommenderError(
          'bad-artifacts',
          `${splitFile}: ${name} row ${rows[i]} is outside the ratings`,
        );
      }
    }
  }
  const catalog = catalogFromJson(await readBundleJson(bundle, BUNDLE_PATHS.catalog));
  return { ratings, users, catalog, split };
}

/** Rebuilds a `Catalog` from its JSON form; the genre vocabulary keeps its saved order. */
function catalogFromJson(value: unknown): Catalog {
  const v = value as { genreNames?: unknown; movies?: unknown } | null;
  if (v === null || !Array.isArray(v.genreNames) || !Array.isArray(v.movies)) {
    throw new RecommenderError('bad-artifacts', `${BUNDLE_PATHS.catalog}: expected { genreNames, movies }`);
  }
  const genreNames = v.genreNames as string[];
  const movies = v.movies as Movie[];
  const bit = new Map(genreNames.map((g, i) => [g, i]));
  const ids = new Int32Array(movies.length);
  const genreMask = new Uint32Array(movies.length);
  movies.forEach((movie, i) => {
    ids[i] = movie.movieId;
    let mask = 0;
    for (const genre of movie.genres) mask |= 1 << (bit.get(genre) ?? 0);
    genreMask[i] = mask >>> 0;
  });
  return { ids: idMapFromSorted(ids), movies, genreNames, genreMask };
}

/** Saved like probabilities: one column per `<model>-<variant>/<split>`. */
export async function writePredictions(
  writer: BundleWriter,
  predictions: Readonly<Record<string, Float32Array>>,
): Promise<void> {
  const packed = encodeColumns(predictions);
  await writer.write(BUNDLE_PATHS.predictionsHeader, json(packed.header));
  await writer.write(BUNDLE_PATHS.predictions, packed.bytes);
}

export async function readPredictions(bundle: Bundle): Promise<Record<string, ColumnArray>> {
  return decodeColumns(
    await readBundleJson(bundle, BUNDLE_PATHS.predictionsHeader),
    await readBundleBytes(bundle, BUNDLE_PATHS.predictions),
    BUNDLE_PATHS.predictions,
  );
}

export function predictionKey(model: string, variant: string, split: 'val' | 'test'): string {
  return `${model}-${variant}/${split}`;
}

export async function writeCfModel(writer: BundleWriter, kind: 'mf' | 'als', model: CfModel): Promise<void> {
  const { header, bytes } = encodeModel(model);
  await writer.write(kind === 'mf' ? BUNDLE_PATHS.mfHeader : BUNDLE_PATHS.alsHeader, json(header));
  await writer.write(kind === 'mf' ? BUNDLE_PATHS.mf : BUNDLE_PATHS.als, bytes);
}

async function readCfModel(bundle: Bundle, kind: 'mf' | 'als'): Promise<CfModel> {
  const header = await readBundleJson(bundle, kind === 'mf' ? BUNDLE_PATHS.mfHeader : BUNDLE_PATHS.alsHeader);
  const bytes = await readBundleBytes(bundle, kind === 'mf' ? BUNDLE_PATHS.mf : BUNDLE_PATHS.als);
  try {
    return decodeModel(header, bytes);
  } catch (error) {
    throw new RecommenderError('bad-artifacts', `cf/${kind}: ${(error as Error).message}`, { cause: error });
  }
}

export async function readPipeline(bundle: Bundle): Promise<FeaturePipeline> {
  const value = await readBundleJson(bundle, BUNDLE_PATHS.pipeline);
  try {
    return FeaturePipeline.fromJSON(value);
  } catch (error) {
    throw new RecommenderError('bad-artifacts', `${BUNDLE_PATHS.pipeline}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export async function readClassifier(bundle: Bundle, model: string, variant: string): Promise<Classifier> {
  const path = modelPath(model, variant);
  const bytes = await readBundleBytes(bundle, path);
  try {
    return loadClassifierFromBytes(bytes, path);
  } catch (error) {
    throw new RecommenderError('bad-artifacts', `${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** The manifest fields the serving side reads. */
export interface ServedModelManifest {
  readonly bestModel: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly info: ModelInfo;
  /** Serving defaults the study chose (absent in bundles from before it chose any). */
  readonly serving?: { readonly hybridWeight?: number };
}

/**
 * Everything a `Recommender` needs, read from a verified bundle: the served (best) classifier,
 * the pipeline, the CF models, the catalog and the training ratings.
 */
export async function readRecommenderParts(bundle: Bundle): Promise<RecommenderParts> {
  const manifest = bundle.manifest as unknown as Partial<ServedModelManifest>;
  const best = manifest.bestModel;
  if (best === undefined || manifest.info === undefined) {
    throw new RecommenderError(
      'bad-artifacts',
      `artifacts at ${bundle.dir}: manifest.json has no bestModel/info`,
    );
  }
  const hybridWeight = manifest.serving?.hybridWeight;
  if (
    hybridWeight !== undefined &&
    !(typeof hybridWeight === 'number' && hybridWeight >= 0 && hybridWeight <= 1)
  ) {
    throw new RecommenderError(
      'bad-artifacts',
      `artifacts at ${bundle.dir}: manifest.json serving.hybridWeight is ${JSON.stringify(hybridWeight)}, not a number in [0, 1]`,
    );
  }
  const data = await readStoredData(bundle);
  const pipeline = await readPipeline(bundle);
  const classifier = await readClassifier(bundle, best.model, best.variant);
  const mf = (await readCfModel(bundle, 'mf')) as MfModel;
  const als =
    BUNDLE_PATHS.als in bundle.manifest.files ? ((await readCfModel(bundle, 'als')) as AlsModel) : null;
  return {
    catalog: data.catalog,
    users: data.users,
    ratings: trainingRatings(data.ratings, data.split.train),
    likeThreshold: pipeline.options.likeThreshold,
    pipeline,
    classifier,
    threshold: best.threshold,
    mf,
    als,
    ...(hybridWeight === undefined ? {} : { hybridWeight }),
    info: manifest.info,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
