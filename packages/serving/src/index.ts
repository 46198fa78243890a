export { ServingError, type ServingErrorCode } from './errors';
export { loadRecommender } from './load';
export { loadScorer } from './load-scorer';
export { TAGS_PER_MOVIE, topMovieTags } from './movie-tags';
export {
  BASE_STRATEGIES,
  type ResolvedServingOptions,
  type ServingOptions,
  servableStrategies,
} from './options';
export {
  type LikeClassifier,
  type MovieRanking,
  type RecommenderParts,
  type ServingRatings,
  trainingRatings,
} from './parts';
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
export {
  type ServedLists,
  type ServedListsOptions,
  type ServedListsResult,
  servedLists,
} from './ranking/served-lists';
export {
  isServedFile,
  readCfModel,
  readPipeline,
  readPredictions,
  readRecommenderParts,
  readRecommenderPartsInSlices,
  readRetrievers,
  readStoredData,
  type StoredData,
  type StoredSplit,
} from './read-parts';
export { createRecommender } from './recommender';
export type { Scorer } from './scorer';
export { normalizeText } from './title-search';
export type * from './types';
export {
  writeCfModel,
  writeMovieTags,
  writePredictions,
  writeRetriever,
  writeStoredData,
} from './write-parts';
