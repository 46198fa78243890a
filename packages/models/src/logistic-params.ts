import { ModelError } from './errors';
import { checkKnownKeys, checkNumber } from './internal/check-params';

/** Per-class row weights: explicit, or `balanced` (n / (2 · n_class), as scikit-learn). */
export type ClassWeight = { readonly negative: number; readonly positive: number } | 'balanced';

/**
 * L2-regularised logistic regression, fitted by L-BFGS. It minimises
 *
 *   (1 / Σw) · Σ_i w_i · logloss(y_i, σ(b + x_i·β)) + (l2 / 2) · ‖β‖²
 *
 * with the intercept b unpenalised and x standardized when `standardize` is on.
 */
export interface LogisticParams {
  /** L2 strength on the mean loss (not the sum). Default 1e-4. */
  readonly l2: number;
  /**
   * Fit on z-scored columns (penalty and solver then treat every column alike), report
   * coefficients on the original scale. Default true.
   */
  readonly standardize: boolean;
  /** Default null (all rows weigh 1). */
  readonly classWeight: ClassWeight | null;
  /** Converged when every gradient component is below this. Default 1e-6. */
  readonly tolerance: number;
  /** Default 500. */
  readonly maxIterations: number;
  /** L-BFGS history length. Default 10. */
  readonly memory: number;
  /**
   * Threads for the pass over the rows; 0 = all cores, used once the matrix has a million cells
   * or more (below that, starting workers costs more than it saves). Default 0.
   */
  readonly nthread: number;
}

export const defaultLogisticParams: LogisticParams = {
  l2: 1e-4,
  standardize: true,
  classWeight: null,
  tolerance: 1e-6,
  maxIterations: 500,
  memory: 10,
  nthread: 0,
};

const MODEL = 'LogisticRegression';

export function resolveLogisticParams(params: Partial<LogisticParams> = {}): LogisticParams {
  checkKnownKeys(MODEL, params, Object.keys(defaultLogisticParams));
  const p = { ...defaultLogisticParams, ...params };
  checkNumber(MODEL, 'l2', p.l2, { min: 0 });
  if (typeof p.standardize !== 'boolean') {
    throw new ModelError('invalid-input', `${MODEL}: standardize must be true or false`);
  }
  if (p.classWeight !== null && p.classWeight !== 'balanced') {
    checkNumber(MODEL, 'classWeight.negative', p.classWeight.negative, { min: 0, exclusiveMin: true });
    checkNumber(MODEL, 'classWeight.positive', p.classWeight.positive, { min: 0, exclusiveMin: true });
  }
  checkNumber(MODEL, 'tolerance', p.tolerance, { min: 0, exclusiveMin: true });
  checkNumber(MODEL, 'maxIterations', p.maxIterations, { min: 1, integer: true });
  checkNumber(MODEL, 'memory', p.memory, { min: 1, max: 100, integer: true });
  checkNumber(MODEL, 'nthread', p.nthread, { min: 0, max: 256, integer: true });
  return p;
}
