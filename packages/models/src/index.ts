export { BinnedMatrix, type BinnedMatrixOptions } from './binned-matrix';
export type { BoosterEngineParams } from './booster-params';
export { createClassifier } from './create';
export { ModelError, type ModelErrorCode } from './errors';
export type { PredictOptions, PredictVia, ScoringPath } from './internal/booster-classifier';
export { loadClassifier, loadClassifierFromBytes } from './load';
export { LogisticRegression } from './logistic';
export { type ClassWeight, defaultLogisticParams, type LogisticParams } from './logistic-params';
export { RandomForestClassifier } from './random-forest';
export { defaultRandomForestParams, type RandomForestParams } from './random-forest-params';
export { type RankerParams, XGBoostRanker } from './ranker';
export {
  type ChoiceDistribution,
  choice,
  type Distribution,
  integer,
  logUniform,
  type NumericDistribution,
  uniform,
} from './search/distributions';
export {
  type GridSearchOptions,
  gridSearch,
  type RandomSearchOptions,
  randomSearch,
  type Scoring,
  type SearchOptions,
  type SearchResult,
  type SearchTrial,
} from './search/search';
export { type DefaultSpaces, defaultSearchSpaces, type GridSpace, type RandomSpace } from './search/spaces';
export type * from './types';
export { XGBoostClassifier } from './xgboost';
export { defaultXGBoostParams, type XGBoostParams } from './xgboost-params';
