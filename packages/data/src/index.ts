export { DataError, type DataErrorLocation } from './errors';
export { createIdMap, idMapFromSorted } from './id-map';
export type * from './types';

export { loadMovieLens, type LoadOptions } from './load';
export { describeDataset, type DatasetSummary } from './describe';
export { createDataset, type RatingsInput } from './create-dataset';
export { createRatingsStore, type DuplicatePolicy, type RatingsStoreInput } from './ratings-store';
export { CANONICAL_GENRES, createCatalog, splitTitle, type MovieInput } from './catalog';
export type { InvalidRowPolicy } from './problems';
export { detectRelease, type DetectedRelease, type ReleaseFiles } from './layout';

// generator and downloader
export {
  type GeneratedDataset,
  type GenerateMovieLensOptions,
  generateMovieLens,
  type SynthFileName,
  type SynthManifest,
  type SynthParams,
} from './generate';
export { type DownloadedRelease, type DownloadMovieLensOptions, downloadMovieLens } from './download';
export {
  GROUPLENS_BASE_URL,
  isReleaseName,
  MOVIELENS_RELEASES,
  type MovieLensRelease,
  RELEASE_NAMES,
} from './releases';
