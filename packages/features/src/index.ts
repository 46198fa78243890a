export type { CfJson } from './cf';
export {
  buildContentEmbeddings,
  type ContentEmbeddingOptions,
  type ContentEmbeddings,
  contentTfidf,
} from './content';
export { FeatureError, type FeatureErrorCode } from './errors';
export { MOVIELENS_GENRES, NO_GENRES } from './genres';
export { DEFAULT_LIKE_THRESHOLD, type LikeLabelOptions, likeLabels } from './labels';
export { FEATURE_FAMILIES, type FeatureFamily } from './layout';
export { type NetflixProbeSplitOptions, netflixProbeSplit } from './netflix-probe-split';
export type {
  CfFeatureOptions,
  FeaturePipelineOptions,
  MissingMode,
  Protocol,
  ResolvedCfOptions,
  ResolvedFeatureOptions,
} from './options';
export {
  type FeatureChunk,
  type FeatureLogger,
  type FeatureMatrix,
  type FeaturePairs,
  FeaturePipeline,
  type FeatureSource,
  type FitFeaturePipelineOptions,
  type FitReport,
  fitFeaturePipeline,
  type NewUserOptions,
  type NewUserRating,
  type RowPart,
  type TransformChunksOptions,
  type TransformRowsOptions,
} from './pipeline';
export type { PipelineArray } from './pipeline-arrays';
export { FEATURE_PIPELINE_FORMAT, FEATURE_PIPELINE_VERSION, type FeaturePipelineJson } from './pipeline-json';
export type { Split, SplitMethod, SplitPartCounts, SplitReport } from './split-common';
export type { CountGlobals, SliceGlobals } from './statistics';
export { type StratifiedSplitOptions, stratifiedSplit } from './stratified-split';
export {
  type GlobalTemporalSplitOptions,
  globalTemporalSplit,
  type UserTemporalSplitOptions,
  userTemporalSplit,
} from './temporal-split';
