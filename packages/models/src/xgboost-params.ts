import {
  type BoosterEngineParams,
  boosterEngineNativeParams,
  checkBoosterEngineParams,
  defaultBoosterEngineParams,
} from './booster-params';
import { checkChoice, checkKnownKeys, checkNumber } from './internal/check-params';

/**
 * Gradient-boosted trees. Names are XGBoost's in camelCase (`maxDepth` is `max_depth`), with
 * XGBoost's meaning; the defaults below differ from XGBoost's only where noted.
 */
export interface XGBoostParams extends BoosterEngineParams {
  /** Boosting rounds; an upper bound when early stopping runs. Default 300. */
  readonly nRounds: number;
  /** `binary:logistic` (probabilities from the logistic link). */
  readonly objective: 'binary:logistic';
  /** Learning rate. Default 0.1 (XGBoost: 0.3), paired with 300 rounds. */
  readonly eta: number;
  /** Default 6. */
  readonly maxDepth: number;
  /** Minimum hessian sum in a child. Default 1. */
  readonly minChildWeight: number;
  /** Row sampling per tree, (0, 1]. Default 1. */
  readonly subsample: number;
  /** Column sampling per tree, (0, 1]. Default 1. */
  readonly colsampleBytree: number;
  /** L2 penalty on leaf weights. Default 1. */
  readonly lambda: number;
  /** L1 penalty on leaf weights. Default 0. */
  readonly alpha: number;
  /** Minimum loss reduction to split. Default 0. */
  readonly gamma: number;
  /** Stop when the validation metric has not improved for this many rounds; null = never. Default 30. */
  readonly earlyStoppingRounds: number | null;
}

export const defaultXGBoostParams: XGBoostParams = {
  nRounds: 300,
  objective: 'binary:logistic',
  eta: 0.1,
  maxDepth: 6,
  minChildWeight: 1,
  subsample: 1,
  colsampleBytree: 1,
  lambda: 1,
  alpha: 0,
  gamma: 0,
  ...defaultBoosterEngineParams,
  earlyStoppingRounds: 30,
};

const MODEL = 'XGBoost';

export function resolveXGBoostParams(params: Partial<XGBoostParams> = {}): XGBoostParams {
  checkKnownKeys(MODEL, params, Object.keys(defaultXGBoostParams));
  const p = { ...defaultXGBoostParams, ...params };
  checkNumber(MODEL, 'nRounds', p.nRounds, { min: 1, integer: true });
  checkChoice(MODEL, 'objective', p.objective, ['binary:logistic']);
  checkNumber(MODEL, 'eta', p.eta, { min: 0, exclusiveMin: true, max: 1 });
  checkNumber(MODEL, 'maxDepth', p.maxDepth, { min: 1, max: 64, integer: true });
  checkNumber(MODEL, 'minChildWeight', p.minChildWeight, { min: 0 });
  checkNumber(MODEL, 'subsample', p.subsample, { min: 0, exclusiveMin: true, max: 1 });
  checkNumber(MODEL, 'colsampleBytree', p.colsampleBytree, { min: 0, exclusiveMin: true, max: 1 });
  checkNumber(MODEL, 'lambda', p.lambda, { min: 0 });
  checkNumber(MODEL, 'alpha', p.alpha, { min: 0 });
  checkNumber(MODEL, 'gamma', p.gamma, { min: 0 });
  checkBoosterEngineParams(MODEL, p);
  if (p.earlyStoppingRounds !== null) {
    checkNumber(MODEL, 'earlyStoppingRounds', p.earlyStoppingRounds, { min: 1, integer: true });
  }
  return p;
}

/** The same settings under libxgboost's names, as `XGBoosterSetParam` takes them. */
export function xgboostNativeParams(p: XGBoostParams): [string, string][] {
  return [
    ['objective', p.objective],
    ['eta', String(p.eta)],
    ['max_depth', String(p.maxDepth)],
    ['min_child_weight', String(p.minChildWeight)],
    ['subsample', String(p.subsample)],
    ['colsample_bytree', String(p.colsampleBytree)],
    ['lambda', String(p.lambda)],
    ['alpha', String(p.alpha)],
    ['gamma', String(p.gamma)],
    ...boosterEngineNativeParams(p),
  ];
}
