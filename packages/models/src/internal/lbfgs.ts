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
  // Every call is a pass over the data, so they are counted where the line search makes them.
  let evaluations = 0;
  const evaluate: Objective = (point, gradient) => {
    evaluations++;
    return objective(point, gradient);
  };
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  const trialX = new Float64Array(n);
  const trialG = new Float64Array(n);
  const direction = new Float64Array(n);
  const history = createHistory(options.memory, n);

  let value = evaluate(x, g);
  let gradientNorm = maxAbs(g);
  let iterations = 0;
  while (gradientNorm > options.tolerance && iterations < options.maxIterations) {
    searchDirection(history, g, direction);
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      history.stored = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(g, direction);
    }
    const trialValue = lineSearch(evaluate, x, value, direction, slope, trialX, trialG);
    if (Number.isNaN(trialValue)) break;
    remember(history, x, g, trialX, trialG);
    x.set(trialX);
    g.set(trialG);
    value = trialValue;
    gradientNorm = maxAbs(g);
    iterations++;
    options.onIteration?.(iterations, value, gradientNorm);
  }

  return { x, value, gradientNorm, iterations, evaluations, converged: gradientNorm <= options.tolerance };
}

/** The last `m` steps s = x' - x and gradient changes y = g' - g, as ring buffers, plus scratch. */
interface History {
  readonly m: number;
  readonly S: Float64Array[];
  readonly Y: Float64Array[];
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
  /** The next pair, written before it is known to be kept. */
  sNew: Float64Array;
  yNew: Float64Array;
  stored: number;
  /** Slot of the newest pair; -1 before the first. */
  newest: number;
}

function createHistory(m: number, n: number): History {
  return {
    m,
    S: Array.from({ length: m }, () => new Float64Array(n)),
    Y: Array.from({ length: m }, () => new Float64Array(n)),
    rho: new Float64Array(m),
    alpha: new Float64Array(m),
    sNew: new Float64Array(n),
    yNew: new Float64Array(n),
    stored: 0,
    newest: -1,
  };
}

/** Two-loop recursion: direction = -H·g with H the L-BFGS inverse-Hessian estimate. */
function searchDirection(history: History, g: Float64Array, direction: Float64Array): void {
  const { m, S, Y, rho, alpha, stored, newest } = history;
  for (let i = 0; i < g.length; i++) direction[i] = -g[i]!;
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
}

/**
 * Backtracking line search with the Armijo condition; the full step is accepted almost always.
 * Leaves the accepted point and its gradient in trialX and trialG and returns its value, or NaN
 * when no step of the MAX_BACKTRACKS halvings decreases the objective enough.
 */
function lineSearch(
  evaluate: Objective,
  x: Float64Array,
  value: number,
  direction: Float64Array,
  slope: number,
  trialX: Float64Array,
  trialG: Float64Array,
): number {
  let step = 1;
  for (let b = 0; b < MAX_BACKTRACKS; b++) {
    for (let i = 0; i < x.length; i++) trialX[i] = x[i]! + step * direction[i]!;
    const trialValue = evaluate(trialX, trialG);
    if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * step * slope) return trialValue;
    step *= 0.5;
  }
  return Number.NaN;
}

/** Stores the step from (x, g) to (trialX, trialG) when its curvature is positive, so H stays positive definite. */
function remember(
  history: History,
  x: Float64Array,
  g: Float64Array,
  trialX: Float64Array,
  trialG: Float64Array,
): void {
  const { sNew, yNew, S, Y, m } = history;
  for (let i = 0; i < x.length; i++) {
    sNew[i] = trialX[i]! - x[i]!;
    yNew[i] = trialG[i]! - g[i]!;
  }
  const sy = dot(sNew, yNew);
  if (!(sy > 1e-16 * Math.max(1, dot(yNew, yNew)))) return;
  const next = (history.newest + 1) % m;
  // Swap buffers rather than copy: the slot's old arrays become the next scratch pair.
  history.sNew = S[next]!;
  history.yNew = Y[next]!;
  S[next] = sNew;
  Y[next] = yNew;
  history.rho[next] = 1 / sy;
  history.newest = next;
  history.stored = Math.min(history.stored + 1, m);
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
