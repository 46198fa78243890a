import type { Labels } from '../types';

/**
 * The data side of the logistic objective, prepared once per fit. Columns are centred on their
 * mean (which also imputes NaN: a missing cell contributes 0) and multiplied by `scale`
 * (1/σ when standardizing, else 1), without ever materialising the transformed matrix.
 */
export interface LogisticProblem {
  readonly X: Float32Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly y: Labels;
  /** Column means over non-missing cells (0 for an all-missing column). */
  readonly means: Float64Array;
  /** Multiplier applied after centring. */
  readonly scale: Float64Array;
  /** Row weight of class 0 and class 1. */
  readonly weightNegative: number;
  readonly weightPositive: number;
  /** Σ row weights, so the loss is a weighted mean. */
  readonly totalWeight: number;
  readonly l2: number;
}

/**
 * Column means and standard deviations over non-missing cells, in one pass. Sums are taken around
 * a shift (the first row's value, 0 when missing), which keeps Σx² − (Σx)²/n from cancelling catastrophically
 * when a column's mean is large next to its spread (e.g. years).
 */
export function columnMoments(
  X: Float32Array,
  nRows: number,
  nCols: number,
): { means: Float64Array; stds: Float64Array } {
  const shift = new Float64Array(nCols);
  for (let j = 0; j < nCols && nRows > 0; j++) shift[j] = Number.isNaN(X[j]!) ? 0 : X[j]!;
  const sums = new Float64Array(nCols);
  const squares = new Float64Array(nCols);
  const counts = new Float64Array(nCols);
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    for (let j = 0; j < nCols; j++) {
      const v = X[o + j]!;
      if (!Number.isNaN(v)) {
        const d = v - shift[j]!;
        sums[j] = sums[j]! + d;
        squares[j] = squares[j]! + d * d;
        counts[j] = counts[j]! + 1;
      }
    }
  }
  const means = new Float64Array(nCols);
  const stds = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    const n = counts[j]!;
    if (n === 0) continue;
    const meanShifted = sums[j]! / n;
    means[j] = shift[j]! + meanShifted;
    stds[j] = Math.sqrt(Math.max(0, squares[j]! / n - meanShifted * meanShifted));
  }
  return { means, stds };
}

/**
 * Raw sums over rows [start, end) for margins m_i = intercept + Σ_j w_j (x_ij − mean_j):
 *   out[0] = Σ weight_i · (log(1 + e^{m_i}) − y_i m_i)
 *   out[1] = Σ r_i,  out[2 + j] = Σ r_i (x_ij − mean_j),   r_i = weight_i (σ(m_i) − y_i)
 * A missing (NaN) cell is at its column's mean, so it adds nothing to the margin or the gradient.
 *
 * One pass over the row-major matrix. A complete row (the common case) never centres a cell:
 * its margin is (intercept − Σ w_j mean_j) + Σ w_j x_ij and its gradient goes into raw sums
 * Σ r_i x_ij (in `scratch`, length nCols), centred once at the end with Σ r_i; that halves the
 * work per cell. A row whose raw margin is NaN has a missing cell and takes the centred path.
 *
 * This function is also run inside worker threads from its source text (`toString()`), so it
 * must stay self-contained: no imports, no outer variables, no helper calls.
 */
export function accumulateLogistic(
  X: Float32Array,
  nCols: number,
  y: ArrayLike<number>,
  start: number,
  end: number,
  means: Float64Array,
  w: Float64Array,
  intercept: number,
  weightNegative: number,
  weightPositive: number,
  scratch: Float64Array,
  out: Float64Array,
): void {
  out.fill(0);
  scratch.fill(0);
  let shifted = intercept;
  for (let j = 0; j < nCols; j++) shifted -= w[j]! * means[j]!;
  let loss = 0;
  let gIntercept = 0;
  // Σ r_i over complete rows: their raw sums are centred by mean_j times this.
  let rComplete = 0;
  for (let i = start, o = start * nCols; i < end; i++, o += nCols) {
    let margin = shifted;
    for (let j = 0; j < nCols; j++) margin += X[o + j]! * w[j]!;
    const complete = !Number.isNaN(margin);
    if (!complete) {
      margin = intercept;
      for (let j = 0; j < nCols; j++) {
        const v = X[o + j]!;
        if (!Number.isNaN(v)) margin += (v - means[j]!) * w[j]!;
      }
    }
    const label = y[i]!;
    const weight = label === 1 ? weightPositive : weightNegative;
    // One exp per row, of -|m|, keeps both log(1 + e^m) and σ(m) finite for any m.
    const e = Math.exp(-Math.abs(margin));
    loss += weight * (Math.max(margin, 0) + Math.log1p(e) - label * margin);
    const p = margin >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = weight * (p - label);
    gIntercept += r;
    if (complete) {
      rComplete += r;
      for (let j = 0; j < nCols; j++) scratch[j] = scratch[j]! + r * X[o + j]!;
    } else {
      for (let j = 0; j < nCols; j++) {
        const v = X[o + j]!;
        if (!Number.isNaN(v)) out[j + 2] = out[j + 2]! + r * (v - means[j]!);
      }
    }
  }
  for (let j = 0; j < nCols; j++) out[j + 2] = out[j + 2]! + scratch[j]! - means[j]! * rComplete;
  out[0] = loss;
  out[1] = gIntercept;
}

/** Computes the raw sums of `accumulateLogistic` over all rows, for given weights and intercept. */
export type LogisticSums = (w: Float64Array, intercept: number) => Float64Array;

/** The single-threaded `LogisticSums`. */
export function serialSums(problem: LogisticProblem): LogisticSums {
  const scratch = new Float64Array(problem.nCols);
  const out = new Float64Array(problem.nCols + 2);
  const { X, nCols, y, nRows, means, weightNegative, weightPositive } = problem;
  return (w, intercept) => {
    accumulateLogistic(
      X,
      nCols,
      y,
      0,
      nRows,
      means,
      w,
      intercept,
      weightNegative,
      weightPositive,
      scratch,
      out,
    );
    return out;
  };
}

/**
 * The objective L-BFGS minimises, in the standardized parametrisation θ = (intercept, θ_1..θ_p):
 *   (1/W) Σ_i w_i [log(1 + e^{m_i}) − y_i m_i] + (l2/2) Σ_j θ_j²,   m_i = θ_0 + Σ_j θ_j z_ij
 * with z_ij = (x_ij − mean_j) · scale_j. The intercept is not penalised.
 */
export function logisticObjective(
  problem: LogisticProblem,
  sums: LogisticSums,
): (theta: Float64Array, gradient: Float64Array) => number {
  const { nCols, scale, totalWeight, l2 } = problem;
  const w = new Float64Array(nCols);
  return (theta, gradient) => {
    // Fold the scale into the weights once: z·θ = Σ (x − mean) · (scale · θ).
    for (let j = 0; j < nCols; j++) w[j] = scale[j]! * theta[j + 1]!;
    const raw = sums(w, theta[0]!);
    const inv = 1 / totalWeight;
    gradient[0] = raw[1]! * inv;
    let penalty = 0;
    for (let j = 0; j < nCols; j++) {
      const t = theta[j + 1]!;
      gradient[j + 1] = raw[j + 2]! * scale[j]! * inv + l2 * t;
      penalty += t * t;
    }
    return raw[0]! * inv + 0.5 * l2 * penalty;
  };
}
