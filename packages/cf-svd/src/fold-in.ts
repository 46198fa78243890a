import { type AlsModel, itemGram } from './als';
import { solveSpd } from './dense';
import { CfError } from './errors';
import type { MfModel } from './mf';

/** A new user's ratings: parallel lists of dense item indices and ratings. */
export interface FoldInRatings {
  readonly items: ArrayLike<number>;
  readonly ratings: ArrayLike<number>;
}

/** An MF user vector computed by fold-in: use it wherever a trained user's b_u and p_u would go. */
export interface FoldedMfUser {
  readonly bias: number;
  /** p_u, length `model.factors`. */
  readonly factors: Float32Array;
}

/**
 * Computes (b_u, p_u) for a user the MF model never saw, keeping μ, b_i and q_i fixed: the ridge
 * regression
 *   minimise Σ_i (r_ui - μ - b_i - b_u - p_u·q_i)² + n (λ_b b_u² + λ |p_u|²)
 * over the user's n ratings, solved exactly (Cholesky, factors + 1 unknowns). The penalty scales
 * with n because per-rating SGD applies λ once per rating; with that scaling a trained user's own
 * ratings fold in to (nearly) the vector SGD found. No ratings give b_u = 0, p_u = 0.
 */
export function foldInMf(model: MfModel, ratings: FoldInRatings): FoldedMfUser {
  const { items, ratings: values } = checkRatings('foldInMf', model.nItems, ratings);
  const f = model.factors;
  const dim = f + 1;
  const n = items.length;
  if (n === 0) return { bias: 0, factors: new Float32Array(f) };

  // Normal equations (XᵀX + n D) w = Xᵀy with x_i = [1, q_i] and y_i = r_ui - μ - b_i.
  const a = new Float64Array(dim * dim);
  const b = new Float64Array(dim);
  const x = new Float64Array(dim);
  x[0] = 1;
  for (let t = 0; t < n; t++) {
    const item = items[t]!;
    for (let k = 0; k < f; k++) x[k + 1] = model.itemFactors[item * f + k]!;
    const target = values[t]! - model.globalMean - model.itemBias[item]!;
    for (let r = 0; r < dim; r++) {
      const xr = x[r]!;
      b[r]! += xr * target;
      for (let c = r; c < dim; c++) a[r * dim + c]! += xr * x[c]!;
    }
  }
  a[0]! += n * model.biasRegularization;
  for (let k = 1; k < dim; k++) a[k * dim + k]! += n * model.regularization;
  mirrorUpper(a, dim);
  const w = solveOrThrow('foldInMf', a, b, dim);
  return { bias: w[0]!, factors: Float32Array.from(w.subarray(1)) };
}

/**
 * Computes x_u for a user the ALS model never saw: the same exact user solve as training,
 *   (YᵀY + λI + Σ_i (c_i - 1) y_i y_iᵀ) x_u = Σ_i c_i y_i,
 * over the user's like events (rating >= model.likeThreshold, c_i = 1 + alpha · rating). Other
 * ratings count as preference 0, as they did in training. Returns the factor vector.
 */
export function foldInAls(model: AlsModel, ratings: FoldInRatings): Float32Array {
  const { items, ratings: values } = checkRatings('foldInAls', model.nItems, ratings);
  const f = model.factors;
  const a = Float64Array.from(itemGram(model));
  const b = new Float64Array(f);
  let events = 0;
  for (let t = 0; t < items.length; t++) {
    const rating = values[t]!;
    if (rating < model.likeThreshold) continue;
    events++;
    const extra = model.alpha * rating;
    const yo = items[t]! * f;
    for (let r = 0; r < f; r++) {
      const yr = model.itemFactors[yo + r]!;
      b[r]! += (1 + extra) * yr;
      const w = extra * yr;
      for (let c = r; c < f; c++) a[r * f + c]! += w * model.itemFactors[yo + c]!;
    }
  }
  if (events === 0) return new Float32Array(f);
  // itemGram is symmetric; only the upper triangle took the event terms, so mirror it.
  mirrorUpper(a, f);
  return Float32Array.from(solveOrThrow('foldInAls', a, b, f));
}

function checkRatings(where: string, nItems: number, ratings: FoldInRatings): FoldInRatings {
  const { items, ratings: values } = ratings;
  if (items.length !== values.length) {
    throw new CfError(
      'invalid-input',
      `${where}: items and ratings must have equal length (got ${items.length}, ${values.length})`,
    );
  }
  for (let t = 0; t < items.length; t++) {
    const item = items[t]!;
    if (!Number.isInteger(item) || item < 0 || item >= nItems) {
      throw new CfError('invalid-input', `${where}: item ${item} is outside the model's 0..${nItems - 1}`, {
        field: 'items',
      });
    }
    if (!Number.isFinite(values[t]!))
      throw new CfError('invalid-input', `${where}: rating ${values[t]} for item ${item} is not finite`, {
        field: 'ratings',
      });
  }
  return ratings;
}

function mirrorUpper(a: Float64Array, n: number): void {
  for (let r = 0; r < n; r++) for (let c = 0; c < r; c++) a[r * n + c] = a[c * n + r]!;
}

function solveOrThrow(where: string, a: Float64Array, b: Float64Array, n: number): Float64Array {
  const solution = solveSpd(a, b, n);
  if (solution === undefined) {
    throw new CfError(
      'singular',
      `${where}: the normal equations are singular; the model needs regularization > 0`,
    );
  }
  return solution;
}
