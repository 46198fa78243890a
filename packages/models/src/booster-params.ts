import type { EvalMetric } from './types';

/** Engine settings that XGBoost and its random-forest mode share, with the same defaults. */
export interface BoosterEngineParams {
  /** Weight of positive rows (e.g. negatives / positives for imbalance). Default 1. */
  readonly scalePosWeight: number;
  /** Threads; 0 = all cores. Default 0. */
  readonly nthread: number;
  /** Seed for row/column sampling. Default 0. */
  readonly seed: number;
  /** Default `hist`. */
  readonly treeMethod: 'hist' | 'approx' | 'exact';
  /** Histogram bins per feature (`hist`). Default 256. */
  readonly maxBin: number;
  /** Metric reported on a validation set (XGBoost also early-stops on it). Default `auc`. */
  readonly evalMetric: EvalMetric;
}
