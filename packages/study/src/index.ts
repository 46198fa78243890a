export type { CfComparison } from './cf-comparison';
export {
  type CfMode,
  DEFAULT_DATA,
  MODEL_NAMES,
  type ModelName,
  type ResolvedStudyConfig,
  resolveStudyConfig,
  SPLIT_NAMES,
  type SplitName,
  type StudyConfig,
  TUNE_MODES,
  type TuneMode,
} from './config';
export {
  type ConfigFileOptions,
  StudyConfigFileSchema,
  studyConfigFromFile,
  studyConfigJsonSchema,
  studyConfigRecord,
} from './config-file';
export type { StudyContext } from './context';
export { StudyError, type StudyErrorCode } from './errors';
export { type EvaluateBundleResult, evaluateBundle } from './evaluate-bundle';
export { estimatePeakBytes, type MemoryLimit, memoryLimit } from './memory';
export {
  chooseServed,
  type RankingHoldouts,
  rankingHoldouts,
  SERVABLE_RETRIEVERS,
  type ServedChoice,
  type StrategyRow,
  type StudyRanking,
  type StudyStrategy,
} from './ranking';
export {
  rankingSummary,
  studyRankingJson,
  studyRankingMarkdown,
  studyRankingTerminalTable,
} from './ranking-report';
export {
  type DatasetReport,
  type ModelReport,
  REPORT_PATHS,
  REPORT_VERSION,
  writeReportFiles,
} from './report-files';
export { type RunStudyOptions, runStudy, type StudyPrefix, type StudyResult } from './run-study';
export {
  type ModelSearchSpaces,
  STUDY_SEARCH_SPACES,
  type StudySearchOverride,
  type StudySearchSpaces,
  studySearchSpaces,
} from './search-spaces';
export type { OnStudyProgress, StudyProgress } from './stages';
export type { CfFeatureOutput } from './stages/cf-feature';
export type { BestModel, EvaluateOutput } from './stages/evaluate';
export type { FeaturesOutput } from './stages/features';
export type { LoadOutput, StudyDataset } from './stages/load';
export type { RankingOutput } from './stages/ranking';
export type { ServingCfOutput } from './stages/serving-cf';
export type { SplitOutput, StudySplit } from './stages/split';
export type { TopNOutput } from './stages/top-n';
export type { TrainOutput } from './stages/train';
export type { WriteOutput } from './stages/write';
export {
  STAGE_NAMES,
  STUDY_STAGES,
  type Stage,
  type StageInput,
  type StageName,
  type StageOutputs,
  type StudyStages,
  type UpTo,
} from './study-stages';
export type { TrainedModel, TrainingSet } from './train-models';
