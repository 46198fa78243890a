export { CANONICAL_GENRES, createCatalog, type MovieInput, splitTitle } from './catalog';
export { createDataset, type RatingsInput } from './create-dataset';
export { type DatasetSummary, describeDataset } from './describe';
export { type DownloadedRelease, type DownloadMovieLensOptions, downloadMovieLens } from './download';
export { DataError, type DataErrorCode, type DataErrorLocation } from './errors';
// generator and downloader
export {
  createSynthOracle,
  type GeneratedDataset,
  type GeneratedNetflix,
  type GenerateMovieLensOptions,
  type GenerateNetflixOptions,
  type GenerateOptions,
  generate,
  generateMovieLens,
  generateNetflix,
  NETFLIX_SHAPE,
  type SynthFileName,
  type SynthManifest,
  type SynthOracle,
  type SynthParams,
} from './generate';
export { createIdMap, idMapFromSorted } from './id-map';
export { type DetectedRelease, detectRelease, type ReleaseFiles } from './layout';
export { type LoadOptions, loadMovieLens } from './load';
export type { InvalidRowPolicy } from './problems';
export { createRatingsStore, type DuplicatePolicy, type RatingsStoreInput } from './ratings-store';
export {
  GROUPLENS_BASE_URL,
  isReleaseName,
  MOVIELENS_RELEASES,
  type MovieLensRelease,
  RELEASE_NAMES,
} from './releases';
export { type ResolveDatasetOptions, resolveDatasetDir } from './resolve-dataset';
export type * from './types';
