import {
  type BoosterEngineParams,
  boosterEngineNativeParams,
  checkBoosterEngineParams,
  defaultBoosterEngineParams,
} from './booster-params';
import { checkKnownKeys, checkNumber } from './internal/check-params';

/**
 * A random forest grown by XGBoost's random-forest mode: one boosting round of `nTrees` parallel
 * trees (`num_parallel_tree`), each on a row sample, choosing among a column sample at every
 * split (`colsample_bynode`), with learning rate 1.
 */
export interface RandomForestParams extends BoosterEngineParams {
  /** Trees in the forest. Default 100. */
  readonly nTrees: number;
  /** Default 10: deep trees, as forests want, within the 2M-row time budget. */
  readonly maxDepth: number;
  /** Minimum hessian sum in a child (≈ rows / 4 at p = 0.5). Default 1. */
  readonly minChildWeight: number;
  /** Rows sampled per tree, without replacement. Default 0.632, the share of distinct rows in a bootstrap sample. */
  readonly subsample: number;
  /** Columns considered per split: a fraction in (0, 1], or `sqrt` for √nCols / nCols. Default `sqrt`. */
  readonly colsampleBynode: number | 'sqrt';
  /** L2 penalty on leaf weights. Default 1. */
  readonly lambda: number;
}

export const defaultRandomForestParams: RandomForestParams = {
  nTrees: 100,
  maxDepth: 10,
  minChildWeight: 1,
  subsample: 0.632,
  colsampleBynode: 'sqrt',
  lambda: 1,
  ...defaultBoosterEngineParams,
};

const MODEL = 'RandomForest';

export function resolveRandomForestParams(params: Partial<RandomForestParams> = {}): RandomForestParams {
  checkKnownKeys(MODEL, params, Object.keys(defaultRandomForestParams));
  const p = { ...defaultRandomForestParams, ...params };
  checkNumber(MODEL, 'nTrees', p.nTrees, { min: 1, integer: true });
  checkNumber(MODEL, 'maxDepth', p.maxDepth, { min: 1, max: 64, integer: true });
  checkNumber(MODEL, 'minChildWeight', p.minChildWeight, { min: 0 });
  // subsample = 1 would grow the same tree 100 times but for column sampling.
  checkNumber(MODEL, 'subsample', p.subsample, { min: 0, exclusiveMin: true, max: 1 });
  if (p.colsampleBynode !== 'sqrt') {
    checkNumber(MODEL, 'colsampleBynode', p.colsampleBynode, { min: 0, exclusiveMin: true, max: 1 });
  }
  checkNumber(MODEL, 'lambda', p.lambda, { min: 0 });
  checkBoosterEngineParams(MODEL, p);
  return p;
}

/** The column share per split: `sqrt` becomes √nCols / nCols (at least one column). */
export function columnShare(colsampleBynode: number | 'sqrt', nCols: number): number {
  if (colsampleBynode !== 'sqrt') return colsampleBynode;
  return Math.min(1, Math.max(1, Math.round(Math.sqrt(nCols))) / nCols);
}

/** libxgboost's names for the forest: one round, eta 1, `num_parallel_tree` trees. */
export function randomForestNativeParams(p: RandomForestParams, nCols: number): [string, string][] {
  return [
    ['objective', 'binary:logistic'],
    ['eta', '1'],
    ['num_parallel_tree', String(p.nTrees)],
    ['max_depth', String(p.maxDepth)],
    ['min_child_weight', String(p.minChildWeight)],
    ['subsample', String(p.subsample)],
    ['colsample_bynode', String(columnShare(p.colsampleBynode, nCols))],
    ['lambda', String(p.lambda)],
    ...boosterEngineNativeParams(p),
  ];
}
