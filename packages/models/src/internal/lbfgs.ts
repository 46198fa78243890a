/**
 * Limited-memory BFGS for smooth convex objectives, on Float64Arrays. The objective writes its
 * gradient into `gradient` and returns its value; each call is one pass over the data, so the
 * solver counts calls (`evaluations`) as its unit of cost.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Pairs (s, y) kept for the inverse-Hessian estimate. */
  readonly memory: number;
  /** Converged when max |gradient_i| <= tolerance. */
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly onIteration?: (iteration: number, value: number, gradientNorm: number) => void;
}

export interface LbfgsResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 40;

export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const m = options.memory;
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialG = new Float64Array(n);
  const direction = new Float64Array(n);
  // Ring buffers of the last m steps s = x' - x and gradient changes y = g' - g.
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  let sNew = new Float64Array(n);
  let yNew = new Float64Array(n);
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let newest = -1;

  let value = objective(x, g);
  let evaluations = 1;
  let gradientNorm = maxAbs(g);
  let iterations = 0;

  while (gradientNorm > options.tolerance && iterations < options.maxIterations) {
    // Two-loop recursion: direction = -H·g with H the L-BFGS inverse-Hessian estimate.
    for (let i = 0; i < n; i++) direction[i] = -g[i]!;
    for (let k = 0; k < stored; k++) {
      const idx = (newest - k + m) % m;
      alpha[idx] = rho[idx]! * dot(S[idx]!, direction);
      axpy(-alpha[idx]!, Y[idx]!, direction);
    }
    if (stored > 0) {
      const yy = dot(Y[newest]!, Y[newest]!);
      scale(1 / (rho[newest]! * yy), direction);
    } else {
      // First step: unit length, since the gradient's scale says nothing about the curvature.
      scale(1 / Math.max(1, norm2(g)), direction);
    }
    for (let k = stored - 1; k >= 0; k--) {
      const idx = (newest - k + m) % m;
      const beta = rho[idx]! * dot(Y[idx]!, direction);
      axpy(alpha[idx]! - beta, S[idx]!, direction);
    }

    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }

    // Backtracking line search with the Armijo condition; the full step is accepted almost always.
    let step = 1;
    let trialValue = Number.NaN;
    let accepted = false;
    for (let b = 0; b < MAX_BACKTRACKS; b++) {
      for (let i = 0; i < n; i++) trialX[i] = x[i]! + step * direction[i]!;
      trialValue = objective(trialX, trialG);
      evaluations++;
      if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;

    for (let i = 0; i < n; i++) {
      sNew[i] = trialX[i]! - x[i]!;
      yNew[i] = trialG[i]! - g[i]!;
    }
    const sy = dot(sNew, yNew);
    // Keep the pair only when the curvature is positive, so H stays positive definite.
    if (sy > 1e-16 * Math.max(1, dot(yNew, yNew))) {
      const next = (newest + 1) % m;
      // Swap buffers rather than copy: the slot's old arrays become the next scratch pair.
      [S[next], sNew] = [sNew, S[next]!];
      [Y[next], yNew] = [yNew, Y[next]!];
      rho[next] = 1 / sy;
      newest = next;
      stored = Math.min(stored + 1, m);
    }
    x.set(trialX);
    g.set(trialG);
    value = trialValue;
    gradientNorm = maxAbs(g);
    iterations++;
    options.onIteration?.(iterations, value, gradientNorm);
  }

  return { x, value, gradientNorm, iterations, evaluations, converged: gradientNorm <= options.tolerance };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = y[i]! + a * x[i]!;
}

function scale(a: number, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! * a;
}

function norm2(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

function maxAbs(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]!));
  return max;
}
