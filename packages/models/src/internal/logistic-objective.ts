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

/** Column means and standard deviations over non-missing cells, in two passes (stable). */
export function columnMoments(
  X: Float32Array,
  nRows: number,
  nCols: number,
): { means: Float64Array; stds: Float64Array } {
  const sums = new Float64Array(nCols);
  const counts = new Float64Array(nCols);
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    for (let j = 0; j < nCols; j++) {
      const v = X[o + j]!;
      if (!Number.isNaN(v)) {
        sums[j] = sums[j]! + v;
        counts[j] = counts[j]! + 1;
      }
    }
  }
  const means = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) means[j] = counts[j]! > 0 ? sums[j]! / counts[j]! : 0;
  const squares = new Float64Array(nCols);
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    for (let j = 0; j < nCols; j++) {
      const v = X[o + j]!;
      if (!Number.isNaN(v)) {
        const d = v - means[j]!;
        squares[j] = squares[j]! + d * d;
      }
    }
  }
  const stds = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) stds[j] = counts[j]! > 0 ? Math.sqrt(squares[j]! / counts[j]!) : 0;
  return { means, stds };
}

/**
 * Value and gradient of
 *   (1/W) Σ_i w_i [log(1 + e^{m_i}) - y_i m_i] + (l2/2) Σ_j θ_j²,   m_i = θ_0 + Σ_j θ_{j+1} z_ij
 * where z_ij = (x_ij - mean_j) · scale_j and θ_0 (the intercept) is not penalised.
 *
 * The loop is one pass over the row-major matrix: per row, centred values go to a small scratch
 * row (reused by the gradient update), so there is no allocation or closure per row.
 */
export function logisticValueAndGradient(
  problem: LogisticProblem,
  theta: Float64Array,
  gradient: Float64Array,
  scratch: Float64Array,
): number {
  const { X, nRows, nCols, y, means, scale, weightNegative, weightPositive, totalWeight, l2 } = problem;
  // Fold the scale into the weights once: z·θ = Σ (x - mean) · (scale · θ).
  const w = scratch.subarray(nCols);
  const centred = scratch.subarray(0, nCols);
  for (let j = 0; j < nCols; j++) w[j] = scale[j]! * theta[j + 1]!;
  const intercept = theta[0]!;
  gradient.fill(0);
  let loss = 0;
  let gIntercept = 0;
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    let margin = intercept;
    for (let j = 0; j < nCols; j++) {
      const v = X[o + j]!;
      const d = Number.isNaN(v) ? 0 : v - means[j]!;
      centred[j] = d;
      margin += d * w[j]!;
    }
    const label = y[i]!;
    const weight = label === 1 ? weightPositive : weightNegative;
    // One exp per row, of -|m|, keeps both log(1 + e^m) and σ(m) finite for any m.
    const e = Math.exp(-Math.abs(margin));
    const softplus = Math.max(margin, 0) + Math.log1p(e);
    loss += weight * (softplus - label * margin);
    const p = margin >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = weight * (p - label);
    gIntercept += r;
    for (let j = 0; j < nCols; j++) gradient[j + 1] = gradient[j + 1]! + r * centred[j]!;
  }
  const inv = 1 / totalWeight;
  gradient[0] = gIntercept * inv;
  let penalty = 0;
  for (let j = 0; j < nCols; j++) {
    const t = theta[j + 1]!;
    gradient[j + 1] = gradient[j + 1]! * scale[j]! * inv + l2 * t;
    penalty += t * t;
  }
  return loss * inv + 0.5 * l2 * penalty;
}
