/**
 * The inner loops of implicit ALS, shared by the single-thread path and the workers: the Gram
 * matrix YᵀY and the per-row conjugate-gradient solves, whose per-event work runs in the SIMD
 * `accumulate` kernel (`simd/kernels.ts`). Typed arrays and indices only.
 */

import { type Kernels, kernelsFor } from './simd/kernels';
import type { WasmMemory } from './simd/wasm-api';
import { axpy, dot } from './vector';

/** Partial Gram matrix of rows rowStart..rowEnd-1 of `y` (rows of `stride` floats), into `out` (f x f). */
export interface GramTask {
  readonly y: Float32Array;
  /** Floats per row of `y`; only the first `factors` enter the Gram matrix. */
  readonly stride: number;
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
  const { y, stride, factors: f, rowStart, rowEnd, out } = task;
  out.fill(0);
  // Two rows per sweep: each Gram entry is loaded and stored half as often.
  let r = rowStart;
  for (; r + 1 < rowEnd; r += 2) {
    const o0 = r * stride;
    const o1 = o0 + stride;
    // A pair of all-zero rows (users or items without events, whose solution is zero) adds exactly
    // nothing: skipping it keeps every sum bit for bit. On a ranking sample most users are such rows.
    if (isZeroRow(y, o0, f) && isZeroRow(y, o1, f)) continue;
    for (let a = 0; a < f; a++) {
      const y0 = y[o0 + a]!;
      const y1 = y[o1 + a]!;
      const row = a * f;
      for (let b = a; b < f; b++) out[row + b]! += y0 * y[o0 + b]! + y1 * y[o1 + b]!;
    }
  }
  for (; r < rowEnd; r++) {
    const o = r * stride;
    for (let a = 0; a < f; a++) {
      const ya = y[o + a]!;
      const row = a * f;
      for (let b = a; b < f; b++) out[row + b]! += ya * y[o + b]!;
    }
  }
  for (let a = 0; a < f; a++) for (let b = 0; b < a; b++) out[a * f + b] = out[b * f + a]!;
  return rowEnd - rowStart;
}

function isZeroRow(y: Float32Array, offset: number, f: number): boolean {
  for (let k = 0; k < f; k++) if (y[offset + k] !== 0) return false;
  return true;
}

/**
 * Solve every row of `x` given fixed `y`, rows claimed in chunks through `cursor[0]`. The CSR
 * (indptr, indices, data) holds, for each row, its observed columns and α·r, i.e. the confidence
 * minus one. `x`, `y`, `indices`, `data` and `scratch` are views of `memory`, the kernel's memory;
 * factor rows are `stride` floats (a multiple of 4, padding zero).
 */
export interface AlsSolveTask {
  readonly memory: WasmMemory;
  readonly stride: number;
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly data: Float32Array;
  readonly nRows: number;
  /** nRows x stride; read as the warm start and overwritten with the solution. */
  readonly x: Float32Array;
  /** nCols x stride, fixed. */
  readonly y: Float32Array;
  /** YᵀY + λI, stride x stride, row-major (zero rows and columns for the padding, plus λ); a view of `memory`. */
  readonly gram: Float32Array;
  readonly cgSteps: number;
  readonly cursor: Int32Array;
  readonly chunk: number;
  /** 3 x stride floats of this thread's own: the CG vectors r, p and Ap. */
  readonly scratch: Float32Array;
}

/**
 * For each row u, with c_i = 1 + data_i on its observed columns (preference 1) and c = 1, p = 0
 * elsewhere, the Hu-Koren-Volinsky normal equations are
 *   (YᵀY + λI + Σ_i (c_i - 1) y_i y_iᵀ) x_u = Σ_i c_i y_i,
 * solved by `cgSteps` conjugate-gradient steps warm-started from the current x_u (Takács, Pilászy &
 * Tikk 2011). The implicit zeros never appear: they are all inside the shared YᵀY, which is what
 * keeps the cost proportional to the number of observed events. Vectors are Float32, as in the
 * `implicit` library. Returns the number of rows solved.
 */
export function runAlsSolve(task: AlsSolveTask): number {
  const { nRows, cursor, chunk } = task;
  const workspace = workspaceOf(task);
  let solved = 0;
  for (;;) {
    const first = Atomics.add(cursor, 0, chunk);
    if (first >= nRows) return solved;
    const last = Math.min(first + chunk, nRows);
    for (let u = first; u < last; u++) solveRow(task, workspace, u);
    solved += last - first;
  }
}

/**
 * The three CG vectors r, p and Ap side by side in this thread's scratch (offsets in floats), and
 * their byte addresses for the kernel. Built once per task, not per row.
 */
interface Workspace {
  readonly kernels: Kernels;
  readonly v: Float32Array;
  readonly r: number;
  readonly p: number;
  readonly ap: number;
  readonly rBytes: number;
  readonly pBytes: number;
  readonly apBytes: number;
}

function workspaceOf(task: AlsSolveTask): Workspace {
  const f = task.stride;
  const base = task.scratch.byteOffset;
  return {
    kernels: kernelsFor(task.memory),
    v: task.scratch,
    r: 0,
    p: f,
    ap: 2 * f,
    rBytes: base,
    pBytes: base + f * 4,
    apBytes: base + 2 * f * 4,
  };
}

function solveRow(task: AlsSolveTask, w: Workspace, u: number): void {
  const { indptr, x, gram, stride: f, cgSteps } = task;
  const { kernels, v, r, p, ap } = w;
  const start = indptr[u]!;
  const end = indptr[u + 1]!;
  const xo = u * f;
  if (start === end) {
    // No events: the right-hand side is zero, and so is the solution.
    x.fill(0, xo, xo + f);
    return;
  }

  // r = b - A x = Σ_i (c_i - (c_i - 1) y_i·x) y_i - (YᵀY + λI) x; x is copied into p for the kernel.
  for (let k = 0; k < f; k++) v[p + k] = x[xo + k]!;
  kernels.symmetricTimes(w.rBytes, gram.byteOffset, w.pBytes, f * 4);
  for (let k = 0; k < f; k++) v[r + k] = -v[r + k]!;
  accumulateEvents(task, w, w.rBytes, start, end, 1);
  for (let k = 0; k < f; k++) v[p + k] = v[r + k]!;
  let rsOld = dot(v, r, v, r, f);

  for (let step = 0; step < cgSteps && rsOld > 1e-20; step++) {
    // Ap = (YᵀY + λI) p + Σ_i (c_i - 1)(y_i·p) y_i
    kernels.symmetricTimes(w.apBytes, gram.byteOffset, w.pBytes, f * 4);
    accumulateEvents(task, w, w.apBytes, start, end, 0);
    const pAp = dot(v, p, v, ap, f);
    if (!(pAp > 0)) break;
    const alpha = rsOld / pAp;
    axpy(x, xo, alpha, v, p, f);
    axpy(v, r, -alpha, v, ap, f);
    const rsNew = dot(v, r, v, r, f);
    const beta = rsNew / rsOld;
    for (let k = 0; k < f; k++) v[p + k] = v[r + k]! + beta * v[p + k]!;
    rsOld = rsNew;
  }
}

/**
 * The per-event part of a CG product over events start..end-1 of one row, against the vector in p
 * (see the `accumulate` kernel): `residual` 1 adds the right-hand side for r = b - Ax, 0 gives Ap.
 */
function accumulateEvents(
  task: AlsSolveTask,
  w: Workspace,
  outBytes: number,
  start: number,
  end: number,
  residual: 0 | 1,
): void {
  const { y, indices, data, stride } = task;
  w.kernels.accumulate(
    outBytes,
    w.pBytes,
    y.byteOffset,
    indices.byteOffset,
    data.byteOffset,
    start,
    end,
    stride * 4,
    residual,
  );
}
