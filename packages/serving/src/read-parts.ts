import {
  BUNDLE_PATHS,
  type Bundle,
  type BundleManifest,
  decodeColumns,
  hasBundleFile,
  modelPath,
  parseBundleJson,
  readBundleBytes,
  readBundleJson,
  readBundleText,
  requireColumn,
  retrieverPaths,
} from '@reco/bundle';
import { type AlsModel, type CfModel, decodeModel, type MfModel } from '@reco/cf-svd';
import { type Catalog, type IdMap, idMapFromSorted, type Movie, type RatingsStore } from '@reco/data';
import { FeaturePipeline } from '@reco/features';
import { decodeRetriever, type Retriever, type RetrieverHeader } from '@reco/retrieval';
import { ServingError } from './errors';
import { loadScorer } from './load-scorer';
import { movieTagsFromJson } from './movie-tags';
import { type RecommenderParts, trainingRatings } from './parts';
import { type Phases, runAtOnce, runInSlices } from './phases';
import type { ModelInfo, ScoringStrategy } from './types';

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

/** Columns of a `.json` header + `.bin` pair, decoded from the verified bytes. */
function readColumns(bundle: Bundle, header: string, file: string) {
  return decodeColumns(readBundleJson(bundle, header), readBundleBytes(bundle, file), file);
}

export function readStoredData(bundle: Bundle): StoredData {
  return runAtOnce(storedDataPhases(bundle));
}

/** `readStoredData` in phases: the ratings, the split (checked against them), the catalog. */
export function* storedDataPhases(bundle: Bundle): Phases<StoredData> {
  const file = BUNDLE_PATHS.ratings;
  const columns = readColumns(bundle, BUNDLE_PATHS.ratingsHeader, file);
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
  yield;
  const split = readSplit(bundle, ratings.length);
  yield;
  const catalogText = readBundleText(bundle, BUNDLE_PATHS.catalog);
  yield;
  const catalog = catalogFromJson(parseBundleJson(bundle, BUNDLE_PATHS.catalog, catalogText));
  return { ratings, users, catalog, split };
}

function readSplit(bundle: Bundle, nRatings: number): StoredSplit {
  const splitFile = BUNDLE_PATHS.split;
  const parts = readColumns(bundle, BUNDLE_PATHS.splitHeader, splitFile);
  const split: StoredSplit = {
    train: requireColumn(parts, 'train', Uint32Array, splitFile),
    validation: requireColumn(parts, 'validation', Uint32Array, splitFile),
    test: requireColumn(parts, 'test', Uint32Array, splitFile),
  };
  for (const [name, rows] of Object.entries(split)) {
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]! >= nRatings) {
        throw new ServingError('bad-artifacts', `${name} row ${rows[i]} is outside the ratings`, {
          file: splitFile,
        });
      }
    }
  }
  return split;
}

/** Rebuilds a `Catalog` from its JSON form; the genre vocabulary keeps its saved order. */
function catalogFromJson(value: unknown): Catalog {
  const v = value as { genreNames?: unknown; movies?: unknown } | null;
  if (v === null || !Array.isArray(v.genreNames) || !Array.isArray(v.movies)) {
    throw new ServingError('bad-artifacts', 'expected { genreNames, movies }', {
      file: BUNDLE_PATHS.catalog,
    });
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

/** Saved like probabilities: one column per `predictionKey(model, variant, split)`. */
export function readPredictions(bundle: Bundle) {
  return readColumns(bundle, BUNDLE_PATHS.predictionsHeader, BUNDLE_PATHS.predictions);
}

export function readCfModel(bundle: Bundle, kind: 'mf' | 'als'): CfModel {
  const header = readBundleJson(bundle, kind === 'mf' ? BUNDLE_PATHS.mfHeader : BUNDLE_PATHS.alsHeader);
  const bytes = readBundleBytes(bundle, kind === 'mf' ? BUNDLE_PATHS.mf : BUNDLE_PATHS.als);
  try {
    return decodeModel(header, bytes);
  } catch (error) {
    throw new ServingError('bad-artifacts', `cf/${kind}: ${(error as Error).message}`, { cause: error });
  }
}

/** The served retrieval models the manifest lists (none in bundles written before them). */
export function readRetrievers(bundle: Bundle): Retriever[] {
  const kinds = bundle.manifest.serving?.retrievers ?? [];
  return kinds.map((kind) => {
    const paths = retrieverPaths(kind);
    const header = readBundleJson(bundle, paths.header) as RetrieverHeader;
    try {
      return decodeRetriever(header, readBundleBytes(bundle, paths.data));
    } catch (error) {
      throw new ServingError('bad-artifacts', `${paths.header}: ${(error as Error).message}`, {
        file: paths.header,
        cause: error,
      });
    }
  });
}

/** `data/movie-tags.json`, or null for a bundle written before it existed. */
export function readMovieTags(bundle: Bundle, nMovies: number): string[][] | null {
  const file = BUNDLE_PATHS.movieTags;
  if (!hasBundleFile(bundle, file)) return null;
  return movieTagsFromJson(readBundleJson(bundle, file), nMovies, file);
}

export function readPipeline(bundle: Bundle): FeaturePipeline {
  return runAtOnce(pipelinePhases(bundle));
}

/** `readPipeline` in phases: decode the text (a few MB of base64), parse it, rebuild the tables. */
function* pipelinePhases(bundle: Bundle): Phases<FeaturePipeline> {
  const text = readBundleText(bundle, BUNDLE_PATHS.pipeline);
  yield;
  const value = parseBundleJson(bundle, BUNDLE_PATHS.pipeline, text);
  yield;
  try {
    return FeaturePipeline.fromJSON(value);
  } catch (error) {
    throw new ServingError('bad-artifacts', (error as Error).message, {
      file: BUNDLE_PATHS.pipeline,
      cause: error,
    });
  }
}

/**
 * The files serving reads (and so verifies): everything but the saved predictions, metrics, the
 * top-10 table and the models that are not served, which serving never needs in memory.
 */
export function isServedFile(manifest: Pick<BundleManifest, 'bestModel'>, path: string): boolean {
  // arrays/ repeats the served state as .npy for other tools (declared in manifest.arrays); serving reads the JSON and .bin files.
  if (
    path.startsWith('predictions/') ||
    path.startsWith('metrics/') ||
    path.startsWith('recommendations/') ||
    path.startsWith('arrays/')
  ) {
    return false;
  }
  return (
    !path.startsWith('models/') || path === modelPath(manifest.bestModel.model, manifest.bestModel.variant)
  );
}

/**
 * Everything a `Recommender` needs, read from a verified bundle: the served (best) model as a
 * `Scorer`, the pipeline, the CF models, the catalog and the training ratings.
 */
export function readRecommenderParts(bundle: Bundle): RecommenderParts {
  return runAtOnce(recommenderPartsPhases(bundle));
}

/**
 * `readRecommenderParts` one phase per event-loop turn, so a server reloading its bundle keeps
 * answering requests between the phases instead of stalling for the whole decode.
 */
export function readRecommenderPartsInSlices(bundle: Bundle): Promise<RecommenderParts> {
  return runInSlices(recommenderPartsPhases(bundle));
}

function* recommenderPartsPhases(bundle: Bundle): Phases<RecommenderParts> {
  const { bestModel: best, serving } = bundle.manifest;
  const data = yield* storedDataPhases(bundle);
  yield;
  const pipeline = yield* pipelinePhases(bundle);
  yield;
  const mf = readCfModel(bundle, 'mf') as MfModel;
  const als = hasBundleFile(bundle, BUNDLE_PATHS.als) ? (readCfModel(bundle, 'als') as AlsModel) : null;
  yield;
  const retrievers = readRetrievers(bundle);
  yield;
  const ratings = trainingRatings(data.ratings, data.split.train);
  const movieTags = readMovieTags(bundle, data.catalog.movies.length);
  yield;
  // Last, so nothing after it can throw and leak the native or WebAssembly scorer.
  const path = modelPath(best.model, best.variant);
  const classifier = loadScorer(readBundleBytes(bundle, path), path);
  const hybridWeight = serving?.hybridWeight;
  const strategy = serving?.strategy as ScoringStrategy | undefined;
  return {
    catalog: data.catalog,
    users: data.users,
    ratings,
    likeThreshold: pipeline.options.likeThreshold,
    pipeline,
    classifier,
    threshold: best.threshold,
    mf,
    als,
    ...(hybridWeight === undefined ? {} : { hybridWeight }),
    ...(retrievers.length === 0 ? {} : { retrievers }),
    ...(movieTags === null ? {} : { movieTags }),
    // Bundles written before the study chose a strategy serve their old default, the classifier.
    ...(strategy === undefined ? {} : { defaultStrategy: strategy }),
    info: bundle.manifest.info as ModelInfo,
  };
}
