export { EASE_DEFAULT_MAX_ITEMS, type EaseModel, type EaseOptions, fitEase, scoreEase } from './ease';
export { RetrievalError, type RetrievalErrorCode } from './errors';
export {
  type EvaluationSetup,
  type EvaluationSetupOptions,
  evaluateLists,
  evaluateRetriever,
  evaluationSetup,
  type RetrievalMetrics,
  restrictSetup,
} from './evaluate';
export {
  type RandomHoldoutOptions,
  type RowsHoldout,
  randomHoldout,
  type TemporalHoldoutOptions,
  temporalHoldout,
} from './holdout';
export {
  type BuildInteractionsOptions,
  buildInteractions,
  foldInItems,
  type InteractionMatrix,
  itemDegrees,
  type RatingColumns,
  transposeInteractions,
  userItems,
} from './interactions';
export { type ItemWeights, scoreWithWeights } from './item-weights';
export { fitItemKnn, type ItemKnnModel, type ItemKnnOptions } from './knn';
export { fitPopularity, type PopularityModel } from './popularity';
export {
  type FitInput,
  fitRetriever,
  RETRIEVER_KINDS,
  type Retriever,
  type RetrieverKind,
  type RetrieverParams,
  scoreKnownUser,
  scoreNewUser,
} from './retriever';
export { fitRp3beta, type Rp3betaModel, type Rp3betaOptions } from './rp3beta';
export {
  decodeRetriever,
  encodeRetriever,
  RETRIEVER_FORMAT_VERSION,
  type RetrieverHeader,
} from './serialize';
export { type RecommendAllOptions, recommendAll, type TopNLists } from './top-n';
export {
  grid,
  type SearchSpace,
  type TuneCandidate,
  type TuneOptions,
  type TuneResult,
  tuneRetriever,
} from './tune';
