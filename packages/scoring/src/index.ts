export { ScoringError, type ScoringErrorCode } from './errors';
export { MAX_FLAT_DEPTH } from './internal/flat-forest';
export { loadScorerFromBytes } from './load';
export {
  createParallelScorer,
  type ParallelScorer,
  type ParallelScorerOptions,
  type RowChunk,
} from './parallel';
export { loadTreeScorer } from './tree-scorer';
export type { Scorer, TreeEngine, TreeScorer, TreeScorerOptions } from './types';
