// The top-k of @reco/core, under the names this package has always exported.
export { type TopK, type TopKOptions as TopKItemsOptions, topK as topKItems } from '@reco/core';
export {
  type AlsIteration,
  type AlsModel,
  type AlsOptions,
  trainAls,
} from './als';
export { type BlockScorer, createBlockScorer, DEFAULT_BLOCK_USERS } from './block-scores';
export { CfError, type CfErrorCode } from './errors';
export { type FoldedMfUser, type FoldInRatings, foldInAls, foldInMf } from './fold-in';
export {
  type MfEpoch,
  type MfModel,
  type MfOptions,
  predictMf,
  predictMfRows,
  trainMf,
} from './mf';
export { type OutOfFoldOptions, type OutOfFoldResult, outOfFoldPredictions } from './out-of-fold';
export { createPipelinedBlockScorer, type PipelinedBlockScorer } from './pipelined-block-scores';
export { type RandomizedSvdOptions, randomizedSvd, type TruncatedSvd } from './randomized-svd';
export { alsBlockScorer, alsItemScores, mfItemScores, type ScoreItemsOptions, scoreItems } from './scoring';
export {
  type ArrayEntry,
  CF_FORMAT_VERSION,
  type CfModel,
  type CfModelHeader,
  decodeModel,
  encodeModel,
  loadModel,
  type ModelLocation,
  saveModel,
} from './serialize';
export {
  NO_ITEM,
  type SimilarBatch,
  type SimilarBatchOptions,
  type SimilarOptions,
  topKSimilar,
  topKSimilarBatch,
} from './similarity';
export { type CooInput, type CsrMatrix, csrFromCoo, csrTranspose } from './sparse';
export type { CfProgress, OnCfProgress, RatingScale, RatingsInput } from './types';
