import { checkChoice, checkNumber } from './internal/check-params';
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

/** The engine defaults of both boosters, spread where these keys stand in each model's defaults. */
export const defaultBoosterEngineParams: BoosterEngineParams = {
  scalePosWeight: 1,
  nthread: 0,
  seed: 0,
  treeMethod: 'hist',
  maxBin: 256,
  evalMetric: 'auc',
};

/** Checks the engine settings, in the order of `BoosterEngineParams`; `model` names the model in errors. */
export function checkBoosterEngineParams(model: string, p: BoosterEngineParams): void {
  checkNumber(model, 'scalePosWeight', p.scalePosWeight, { min: 0, exclusiveMin: true });
  checkNumber(model, 'nthread', p.nthread, { min: 0, integer: true });
  checkNumber(model, 'seed', p.seed, { min: 0, max: 2 ** 31 - 1, integer: true });
  checkChoice(model, 'treeMethod', p.treeMethod, ['hist', 'approx', 'exact']);
  checkNumber(model, 'maxBin', p.maxBin, { min: 2, integer: true });
  checkChoice(model, 'evalMetric', p.evalMetric, ['auc', 'aucpr', 'logloss', 'error']);
}

/** The engine settings under libxgboost's names, as both boosters end their native parameters. */
export function boosterEngineNativeParams(p: BoosterEngineParams): [string, string][] {
  return [
    ['scale_pos_weight', String(p.scalePosWeight)],
    ['nthread', String(p.nthread)],
    ['seed', String(p.seed)],
    ['tree_method', p.treeMethod],
    ['max_bin', String(p.maxBin)],
    ['eval_metric', p.evalMetric],
  ];
}
