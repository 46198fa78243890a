/**
 * The inner loops of implicit ALS, shared by the single-thread path and the workers: the Gram
 * matrix YᵀY and the per-row conjugate-gradient solves. Typed arrays and indices only.
 */
import { axpy, dot } from './vector';

/** Partial Gram matrix of rows rowStart..rowEnd-1 of `y` (n x f, row-major), into `out` (f x f). */
export interface GramTask {
  readonly y: Float32Array;
  readonly factors: number;
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly out: Float64Array;
}

/**
 * out = Σ_rows y_r y_rᵀ over the range, accumulated in Float64 (a sum over 100k+ rows). Only the
 * upper triangle is accumulated (half the work), then mirrored. Returns the number of rows summed.
 */
export function runGram(task: GramTask): number {
  const { y, factors: f, rowStart, rowEnd, out } = task;
  out.fill(0);
  // Two rows per sweep: each Gram entry is loaded and stored half as often.
  let r = rowStart;
  for (; r + 1 < rowEnd; r += 2) {
    const o0 = r * f;
    const o1 = o0 + f;
    for (let a = 0; a < f; a++) {
      const y0 = y[o0 + a]!;
      const y1 = y[o1 + a]!;
      const row = a * f;
      for (let b = a; b < f; b++) out[row + b]! += y0 * y[o0 + b]! + y1 * y[o1 + b]!;
    }
  }
  for (; r < rowEnd; r++) {
    const o = r * f;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a]!;
      const row = a * f;
      for (let b = a; b < f; b++) out[row + b]! += ya * y[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) out[a * f + b] = out[b * f + a]!;
  return rowEnd - rowStart;
}

/**
 * Solve every row of `x` given fixed `y`, rows claimed in chunks through `cursor[0]`.
 * The CSR (indptr, indices, data) holds, for each row, its observed columns and α·r, i.e. the
 * confidence minus one.
 */
export interface AlsSolveTask {
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly data: Float32Array;
  readonly nRows: number;
  /** nRows x f, row-major; read as the warm start and overwritten with the solution. */
  readonly x: Float32Array;
  /** nCols x f, row-major, fixed. */
  readonly y: Float32Array;
  /** YᵀY + λI, f x f, row-major. */
  readonly gram: Float32Array;
  readonly factors: number;
  readonly cgSteps: number;
  readonly cursor: Int32Array;
  readonly chunk: number;
}

/** Per-thread scratch vectors, allocated once per task rather than once per row. */
interface Scratch {
  readonly r: Float32Array;
  readonly p: Float32Array;
  readonly ap: Float32Array;
}

/**
 * For each row u, with c_i = 1 + data_i on its observed columns (preference 1) and c = 1, p = 0
 * elsewhere, the Hu-Koren-Volinsky normal equations are
 *   (YᵀY + λI + Σ_i (c_i - 1) y_i y_iᵀ) x_u = Σ_i c_i y_i,
 * solved by `cgSteps` conjugate-gradient steps warm-started from the current x_u (Takács, Pilászy &
 * Tikk 2011). The implicit zeros never appear: they are all inside the shared YᵀY, which is what
 * keeps the cost proportional to the number of observed events. Vectors are Float32, as in the
 * `implicit` library; the sums inside `dot` run in double precision.
 */
export function runAlsSolve(task: AlsSolveTask): number {
  const { nRows, factors: f, cursor, chunk } = task;
  const scratch: Scratch = { r: new Float32Array(f), p: new Float32Array(f), ap: new Float32Array(f) };
  let solved = 0;
  for (;;) {
    const first = Atomics.add(cursor, 0, chunk);
    if (first >= nRows) return solved;
    const last = Math.min(first + chunk, nRows);
    for (let u = first; u < last; u++) solveRow(task, u, scratch);
    solved += last - first;
  }
}

function solveRow(task: AlsSolveTask, u: number, scratch: Scratch): void {
  const { indptr, indices, data, x, y, gram, factors: f, cgSteps } = task;
  const { r, p, ap } = scratch;
  const start = indptr[u]!;
  const end = indptr[u + 1]!;
  const xo = u * f;
  if (start === end) {
    // No events: the right-hand side is zero, and so is the solution.
    x.fill(0, xo, xo + f);
    return;
  }

  // r = b - A x = Σ_i (c_i - (c_i - 1) y_i·x) y_i - (YᵀY + λI) x
  for (let k = 0; k < f; k++) p[k] = x[xo + k]!;
  symmetricTimes(gram, p, r, f);
  for (let k = 0; k < f; k++) r[k] = -r[k]!;
  accumulateEvents(r, p, y, indices, data, start, end, f, true);
  p.set(r);
  let rsOld = dot(r, 0, r, 0, f);

  for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
    // Ap = (YᵀY + λI) p + Σ_i (c_i - 1)(y_i·p) y_i
    symmetricTimes(gram, p, ap, f);
    accumulateEvents(ap, p, y, indices, data, start, end, f, false);
    const pAp = dot(p, 0, ap, 0, f);
    if (!(pAp > 0)) break;
    const alpha = rsOld / pAp;
    axpy(x, xo, alpha, p, 0, f);
    axpy(r, 0, -alpha, ap, 0, f);
    const rsNew = dot(r, 0, r, 0, f);
    const beta = rsNew / rsOld;
    for (let k = 0; k < f; k++) p[k] = r[k]! + beta * p[k]!;
    rsOld = rsNew;
  }
}

/**
 * out += Σ_i w_i y_i over one row's events, with w_i = (c_i - 1)(y_i·v) for a CG step, or
 * w_i = c_i - (c_i - 1)(y_i·v) for the initial residual. This loop is most of ALS's time, so it is
 * unrolled by hand (four independent sums) and software-pipelined: one pass over k computes the dot
 * product of event t while it adds event t-1's update, which gives the CPU two independent streams
 * of work per iteration (about 25% faster than two separate loops). Additions into `out` happen in
 * the same order as the plain two-loop version, so the result is the same.
 */
function accumulateEvents(
  out: Float32Array,
  v: Float32Array,
  y: Float32Array,
  indices: Uint32Array,
  data: Float32Array,
  start: number,
  end: number,
  f: number,
  residual: boolean,
): void {
  const f4 = f - (f % 4);
  let previous = -1; // offset of the event whose update is pending
  let previousWeight = 0;
  for (let t = start; t < end; t++) {
    const yo = indices[t]! * f;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    if (previous < 0) {
      for (; k < f4; k += 4) {
        s0 += y[yo + k]! * v[k]!;
        s1 += y[yo + k + 1]! * v[k + 1]!;
        s2 += y[yo + k + 2]! * v[k + 2]!;
        s3 += y[yo + k + 3]! * v[k + 3]!;
      }
    } else {
      const po = previous;
      const pw = previousWeight;
      for (; k < f4; k += 4) {
        s0 += y[yo + k]! * v[k]!;
        s1 += y[yo + k + 1]! * v[k + 1]!;
        s2 += y[yo + k + 2]! * v[k + 2]!;
        s3 += y[yo + k + 3]! * v[k + 3]!;
        out[k]! += pw * y[po + k]!;
        out[k + 1]! += pw * y[po + k + 1]!;
        out[k + 2]! += pw * y[po + k + 2]!;
        out[k + 3]! += pw * y[po + k + 3]!;
      }
      for (let j = f4; j < f; j++) out[j]! += pw * y[po + j]!;
    }
    for (; k < f; k++) s0 += y[yo + k]! * v[k]!;
    const extra = data[t]!;
    const projected = extra * (s0 + s1 + (s2 + s3));
    previousWeight = residual ? 1 + extra - projected : projected;
    previous = yo;
  }
  if (previous >= 0) {
    for (let k = 0; k < f; k++) out[k]! += previousWeight * y[previous + k]!;
  }
}

/** out = M v for the f x f row-major (symmetric) M. */
function symmetricTimes(m: Float32Array, v: Float32Array, out: Float32Array, f: number): void {
  for (let a = 0; a < f; a++) out[a] = dot(m, a * f, v, 0, f);
}
