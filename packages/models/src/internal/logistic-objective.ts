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
  /** mean_j − float32(mean_j): see `RowBlock`. */
  readonly delta: Float64Array;
  /** Number of NaN cells in X (0 lets the row blocks use X as it is). */
  readonly missingCells: number;
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
 * Column means and standard deviations over non-missing cells, and the count of missing cells,
 * in one pass. Sums are taken around a shift (the first row's value, 0 when missing), which keeps
 * Σx² − (Σx)²/n from cancelling catastrophically when a column's mean is large next to its
 * spread (e.g. years).
 *
 * The pass goes a column at a time within blocks of MOMENT_ROWS rows, so a column's three sums
 * stay in registers instead of being loaded and stored for every cell (5x faster on a cold call);
 * each column still adds its rows in row order.
 */
export function columnMoments(
  X: Float32Array,
  nRows: number,
  nCols: number,
): { means: Float64Array; stds: Float64Array; missing: number } {
  const shift = new Float64Array(nCols);
  for (let j = 0; j < nCols && nRows > 0; j++) shift[j] = Number.isNaN(X[j]!) ? 0 : X[j]!;
  const sums = new Float64Array(nCols);
  const squares = new Float64Array(nCols);
  const counts = new Float64Array(nCols);
  for (let first = 0; first < nRows; first += MOMENT_ROWS) {
    const end = Math.min(nRows, first + MOMENT_ROWS) * nCols;
    for (let j = 0; j < nCols; j++) {
      let sum = sums[j]!;
      let square = squares[j]!;
      let count = counts[j]!;
      const s = shift[j]!;
      for (let o = first * nCols + j; o < end; o += nCols) {
        const v = X[o]!;
        if (!Number.isNaN(v)) {
          const d = v - s;
          sum += d;
          square += d * d;
          count += 1;
        }
      }
      sums[j] = sum;
      squares[j] = square;
      counts[j] = count;
    }
  }
  const means = new Float64Array(nCols);
  const stds = new Float64Array(nCols);
  let missing = 0;
  for (let j = 0; j < nCols; j++) {
    const n = counts[j]!;
    missing += nRows - n;
    if (n === 0) continue;
    const meanShifted = sums[j]! / n;
    means[j] = shift[j]! + meanShifted;
    stds[j] = Math.sqrt(Math.max(0, squares[j]! / n - meanShifted * meanShifted));
  }
  return { means, stds, missing };
}

/** Rows per block of the moments pass: a block of 60 columns (60 KB) stays in L2 across its columns. */
const MOMENT_ROWS = 256;

/**
 * One block of rows as the kernel reads them: no NaN in `X`. A missing cell holds its column mean
 * rounded to float32, and is listed (row by row, CSR style) so the kernel can add back the
 * rounding `delta_j = mean_j − float32(mean_j)`; with no missing cell both lists are empty.
 */
export interface RowBlock {
  readonly X: Float32Array;
  readonly y: Labels;
  readonly nRows: number;
  /** Row i's missing columns are missingCols[missingStart[i] .. missingStart[i + 1]). */
  readonly missingStart: Int32Array;
  readonly missingCols: Int32Array;
}

/**
 * Raw sums over a block's rows for margins m_i = intercept + Σ_j w_j (x_ij − mean_j):
 *   out[0] = Σ weight_i · (log(1 + e^{m_i}) − y_i m_i)
 *   out[1] = Σ r_i,  out[2 + j] = Σ r_i (x_ij − mean_j),   r_i = weight_i (σ(m_i) − y_i)
 * A missing cell is at its column's mean, so it adds nothing to the margin or the gradient.
 *
 * No cell is centred: a margin is (intercept − Σ w_j mean_j) + Σ w_j x_ij and the gradient goes
 * into raw sums Σ r_i x_ij (`scratch`, length nCols), centred once at the end with Σ r_i. A
 * missing cell (stored as float32(mean_j)) adds w_j·delta_j to its margin and r_i·delta_j to its
 * column, which makes it contribute exactly nothing.
 *
 * Rows go four at a time: four margins grow side by side (four independent add chains instead of
 * one dependent chain, one load of w_j for four rows) and each scratch_j is loaded and stored once
 * per four rows. Every sum keeps the one-row-at-a-time order, so the result is bitwise the same.
 * A last partial group repeats its first row with r = 0, which adds exact zeros.
 *
 * Also run inside worker threads from its source text (`toString()`): it must stay
 * self-contained (no imports, no outer variables, no helper calls).
 */
export function accumulateLogistic(
  block: RowBlock,
  nCols: number,
  means: Float64Array,
  delta: Float64Array,
  w: Float64Array,
  intercept: number,
  weightNegative: number,
  weightPositive: number,
  scratch: Float64Array,
  out: Float64Array,
): void {
  const { X, y, nRows, missingStart, missingCols } = block;
  const hasMissing = missingCols.length > 0;
  out.fill(0);
  scratch.fill(0);
  let shifted = intercept;
  for (let j = 0; j < nCols; j++) shifted -= w[j]! * means[j]!;
  const group = new Float64Array(4);
  let loss = 0;
  let gIntercept = 0;
  for (let i = 0; i < nRows; i += 4) {
    const o0 = i * nCols;
    const o1 = i + 1 < nRows ? o0 + nCols : o0;
    const o2 = i + 2 < nRows ? o0 + 2 * nCols : o0;
    const o3 = i + 3 < nRows ? o0 + 3 * nCols : o0;
    let m0 = shifted;
    let m1 = shifted;
    let m2 = shifted;
    let m3 = shifted;
    for (let j = 0; j < nCols; j++) {
      const wj = w[j]!;
      m0 += X[o0 + j]! * wj;
      m1 += X[o1 + j]! * wj;
      m2 += X[o2 + j]! * wj;
      m3 += X[o3 + j]! * wj;
    }
    group[0] = m0;
    group[1] = m1;
    group[2] = m2;
    group[3] = m3;
    for (let k = 0; k < 4; k++) {
      const row = i + k;
      if (row >= nRows) {
        group[k] = 0;
        continue;
      }
      let margin = group[k]!;
      const from = hasMissing ? missingStart[row]! : 0;
      const to = hasMissing ? missingStart[row + 1]! : 0;
      for (let q = from; q < to; q++) margin += w[missingCols[q]!]! * delta[missingCols[q]!]!;
      const label = y[row]!;
      const weight = label === 1 ? weightPositive : weightNegative;
      // One exp per row, of -|m|, keeps both log(1 + e^m) and σ(m) finite for any m.
      const e = Math.exp(-Math.abs(margin));
      loss += weight * (Math.max(margin, 0) + Math.log1p(e) - label * margin);
      const r = weight * ((margin >= 0 ? 1 / (1 + e) : e / (1 + e)) - label);
      gIntercept += r;
      for (let q = from; q < to; q++) {
        const c = missingCols[q]!;
        out[c + 2] = out[c + 2]! + r * delta[c]!;
      }
      group[k] = r;
    }
    const r0 = group[0]!;
    const r1 = group[1]!;
    const r2 = group[2]!;
    const r3 = group[3]!;
    for (let j = 0; j < nCols; j++) {
      scratch[j] = scratch[j]! + r0 * X[o0 + j]! + r1 * X[o1 + j]! + r2 * X[o2 + j]! + r3 * X[o3 + j]!;
    }
  }
  for (let j = 0; j < nCols; j++) out[j + 2] = out[j + 2]! + scratch[j]! - means[j]! * gIntercept;
  out[0] = loss;
  out[1] = gIntercept;
}

/**
 * Rows [from, to) as a `RowBlock`, built once per fit. Without missing cells X is used as it is
 * (copied into shared memory for a worker). With some, the block is a copy in which each NaN
 * becomes float32(mean_j) and is listed.
 */
export function rowBlock(problem: LogisticProblem, from: number, to: number, shared: boolean): RowBlock {
  const { nCols, means, missingCells } = problem;
  const view = problem.X.subarray(from * nCols, to * nCols);
  const y = shared ? sharedCopy(problem.y.subarray(from, to)) : problem.y.subarray(from, to);
  const nRows = to - from;
  if (missingCells === 0) {
    const X = shared ? sharedCopy(view) : view;
    return { X, y, nRows, missingStart: new Int32Array(0), missingCols: new Int32Array(0) };
  }
  // Always a copy here (sharedCopy would hand back X itself when it is shared): NaN get filled in.
  const X = shared ? new Float32Array(new SharedArrayBuffer(view.byteLength)) : new Float32Array(view.length);
  X.set(view);
  let count = 0;
  for (let k = 0; k < X.length; k++) if (Number.isNaN(X[k]!)) count++;
  const missingStart = int32s(nRows + 1, shared);
  const missingCols = int32s(count, shared);
  const fill = Float32Array.from(means);
  let q = 0;
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    missingStart[i] = q;
    for (let j = 0; j < nCols; j++) {
      if (Number.isNaN(X[o + j]!)) {
        X[o + j] = fill[j]!;
        missingCols[q++] = j;
      }
    }
  }
  missingStart[nRows] = q;
  return { X, y, nRows, missingStart, missingCols };
}

function int32s(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
}

/** What a missing cell's float32 fill lacks of its column mean: mean_j − float32(mean_j). */
export function fillRounding(means: Float64Array): Float64Array {
  return Float64Array.from(means, (m) => m - Math.fround(m));
}

/** A typed array over shared memory with the same values (the input itself when already shared). */
export function sharedCopy<T extends Float32Array | Uint8Array>(view: T): T {
  if (view.buffer instanceof SharedArrayBuffer) return view;
  const Type = view.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Type(new SharedArrayBuffer(view.byteLength));
  copy.set(view);
  return copy;
}

/** Computes the raw sums of `accumulateLogistic` over all rows, for given weights and intercept. */
export type LogisticSums = (w: Float64Array, intercept: number) => Float64Array;

/** The single-threaded `LogisticSums`. */
export function serialSums(problem: LogisticProblem): LogisticSums {
  const { nCols, nRows, means, delta, weightNegative, weightPositive } = problem;
  const block = rowBlock(problem, 0, nRows, false);
  const scratch = new Float64Array(nCols);
  const out = new Float64Array(nCols + 2);
  return (w, intercept) => {
    accumulateLogistic(
      block,
      nCols,
      means,
      delta,
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
