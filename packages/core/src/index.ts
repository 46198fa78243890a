export { BYTE_SIZE_PATTERN, parseByteSize } from './byte-size';
export { type ErrorLocation, isRecoError, RecoError, type RecoErrorOptions } from './errors';
export { type OnProgress, type Progress, throttleProgress } from './progress';
export { createRawRng, createRng, deriveSeed, mixSeed, type Rng, sampleSorted } from './rng';
export { createStageTimer, peakRssBytes, type StageTimer } from './stage-timer';
export { type TopK, TopKHeap, type TopKOptions, topK, topKOfCandidates } from './top-k';
export {
  createWorkerPool,
  spawnWorker,
  type WorkerPool,
  type WorkerPoolOptions,
  type WorkerReply,
  workerEntry,
} from './worker-pool';
