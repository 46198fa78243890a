export { prAuc, rocAuc } from './auc';
export {
  type CalibrationBin,
  type CalibrationOptions,
  type CalibrationStrategy,
  type CalibrationTable,
  calibrationTable,
} from './calibration';

// Classification
export {
  accuracy,
  type ConfusionMatrix,
  confusionMatrix,
  f1,
  precision,
  recall,
  type ThresholdOptions,
} from './confusion';
export { EvaluationError, type EvaluationErrorCode } from './errors';
export { brierScore, type LogLossOptions, logLoss } from './probability';
export {
  type RelevanceFromRatingsOptions,
  type RelevanceSetsOptions,
  rankedLists,
  relevanceFromRatings,
  relevanceSets,
} from './ranking/csr';
export {
  type CatalogCoverageOptions,
  catalogCoverage,
  type GainKind,
  hitRateAtK,
  mapAtK,
  mrr,
  ndcgAtK,
  precisionAtK,
  type RankingMetricsPerUser,
  type RankingOptions,
  type RankingReport,
  type RankingReportOptions,
  rankingMetricsPerUser,
  rankingReport,
  recallAtK,
} from './ranking/metrics';
// Ranking
export {
  type ItemPopularityOptions,
  itemPopularity,
  type MeanPopularityOptions,
  meanPopularity,
} from './ranking/popularity';
export type { ItemLists, RankedLists, RelevanceSets } from './ranking/types';

// Rating prediction
export { mae, rmse } from './rating';
export { type ClassificationReport, type ClassificationReportOptions, classificationReport } from './report';
// Tables
export type { BestDirection, Column, ColumnsOption } from './table/columns';
export {
  type ComparisonRow,
  type ComparisonRowOptions,
  comparisonColumns,
  type EvalSplit,
  type RankingRow,
  type RankingRowOptions,
  rankingColumns,
  toComparisonRow,
  toRankingRow,
  type Variant,
} from './table/comparison';
export {
  type CsvOptions,
  type JsonOptions,
  type TableOptions,
  type TerminalTableOptions,
  toCsv,
  toJson,
  toMarkdown,
  toTerminalTable,
} from './table/render';
export {
  type SelectThresholdOptions,
  selectThreshold,
  type ThresholdSelection,
  type ThresholdStrategy,
} from './threshold';
export type { Labels, Scores, Values } from './types';
