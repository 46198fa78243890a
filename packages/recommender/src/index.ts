// bundle
export {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleFileEntry,
  type BundleManifest,
  type ManifestBody,
} from './bundle/manifest';
export {
  type Bundle,
  bundleFilePath,
  readBundle,
  readBundleBytes,
  readBundleJson,
} from './bundle/read-bundle';
export { BUNDLE_PATHS, modelPath, readRecommenderParts } from './bundle/study-files';
export { type BundleWriter, type WriteBundleOptions, writeBundle } from './bundle/write-bundle';
export { RecommenderError, type RecommenderErrorCode } from './errors';
// serving
export {
  type LikeClassifier,
  type MovieRanking,
  type RecommenderParts,
  type ServingRatings,
  trainingRatings,
} from './parts';
// ranking
export {
  type EvaluateRankingOptions,
  evaluateRanking,
  RANKING_STRATEGIES,
  type RankingEvaluation,
  type RankingResult,
  type RankingStrategy,
} from './ranking/evaluate-ranking';
export {
  type NestedRankingHoldout,
  nestedRankingHoldout,
  type RankingHoldout,
  type RankingHoldoutOptions,
  rankingHoldout,
} from './ranking/holdout';
export {
  HYBRID_WEIGHTS,
  type HybridWeightSweep,
  type SweepHybridWeightOptions,
  sweepHybridWeight,
} from './ranking/hybrid-weight';
export { rankingJson, rankingMarkdown, rankingTerminalTable } from './ranking/report';
export { loadRecommender } from './serving/load';
export type { ResolvedServingOptions, ServingOptions } from './serving/options';
export { createRecommender } from './serving/recommender';
export { normalizeText } from './serving/title-search';
export type { CfComparison } from './study/cf-comparison';
// study
export {
  type CfMode,
  MODEL_NAMES,
  type ModelName,
  type ResolvedStudyConfig,
  resolveStudyConfig,
  SPLIT_NAMES,
  type SplitName,
  type StudyConfig,
  TUNE_MODES,
  type TuneMode,
} from './study/config';
export { type EvaluateBundleResult, evaluateBundle } from './study/evaluate-bundle';
export {
  type DatasetReport,
  type ModelReport,
  REPORT_PATHS,
  REPORT_VERSION,
  writeReportFiles,
} from './study/report-files';
export {
  type RunStudyOptions,
  runStudy,
  type StudyDataset,
  type StudyResult,
  type StudySplit,
} from './study/run-study';
export type { OnStudyProgress, StudyProgress } from './study/stages';
export type * from './types';
