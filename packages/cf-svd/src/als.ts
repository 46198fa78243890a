import { type AlsSolveTask, type GramTask, runAlsSolve, runGram } from './als-kernel';
import { CfError } from './errors';
import { Random } from './random';
import { type CsrMatrix, csrFromCoo, csrTranspose } from './sparse';
import { allocateFloat32, unshare, validateRatings } from './training-data';
import type { OnCfProgress, RatingsInput } from './types';
import { createWorkerPool, type WorkerPool } from './worker-pool';

/**
 * A trained implicit-feedback model: the preference score of user u for item i is x_u·y_i. Only
 * the order of scores is meaningful; they are not ratings. Plain data.
 */
export interface AlsModel {
  readonly kind: 'als';
  readonly nUsers: number;
  readonly nItems: number;
  readonly factors: number;
  /** Confidence c = 1 + alpha · rating on like events. */
  readonly alpha: number;
  readonly regularization: number;
  /** Ratings >= this were like events (preference 1); everything else counted as preference 0. */
  readonly likeThreshold: number;
  /** nUsers x factors, row-major. */
  readonly userFactors: Float32Array;
  /** nItems x factors, row-major. */
  readonly itemFactors: Float32Array;
}

export interface AlsIteration {
  readonly iteration: number;
  readonly seconds: number;
}

export interface AlsOptions {
  /** Latent dimensions. Default 64. */
  readonly factors?: number;
  /** Alternations (items, then users). Default 15. */
  readonly iterations?: number;
  /**
   * L2 penalty λ. Default 50: tuned for recall@10 on ml-latest-small (λ = 50 with alpha = 2 beat
   * 0.1..200 and alpha 0.5..10). λ competes with Σ c_ui over a row, so rescale it with alpha.
   */
  readonly regularization?: number;
  /** Confidence slope: c_ui = 1 + alpha · r_ui on like events. Default 2. */
  readonly alpha?: number;
  /** Ratings at or above this count as like events. Default 3.5. */
  readonly likeThreshold?: number;
  /**
   * Conjugate-gradient steps per row and half-iteration, warm-started from the previous solution.
   * Default 2: Takács et al. (2011) find one or two warm-started steps as good as an exact solve,
   * and on ml-latest-small recall@10 is the same for 2 and 3 (0.328) at three quarters of the cost.
   */
  readonly cgSteps?: number;
  /** Standard deviation of the Gaussian initialisation. Default 0.01. */
  readonly initStd?: number;
  /**
   * Threads. Each row's solve reads only fixed factors, so results are identical for a given seed
   * and thread count (the Gram matrix is summed in per-thread parts, so the last bits may differ
   * between thread counts). Default 1.
   */
  readonly threads?: number;
  readonly seed: number;
  /** Called after each iteration with stage 'als'. */
  readonly onProgress?: OnCfProgress;
  readonly onIteration?: (iteration: AlsIteration) => void;
}

/** Rows handed out per claim: small enough to balance two threads, large enough to amortise the atomic. */
const SOLVE_CHUNK = 64;

/**
 * Implicit ALS (Hu, Koren & Volinsky 2008) with conjugate-gradient row solves (Takács, Pilászy &
 * Tikk 2011). Like events are the selected rows with rating >= likeThreshold; each gets preference
 * 1 and confidence c = 1 + alpha · rating, and every other (user, item) pair has preference 0 and
 * confidence 1 without being stored. The loss
 *   Σ_{u,i} c_ui (p_ui - x_u·y_i)² + λ (Σ_u |x_u|² + Σ_i |y_i|²)
 * is minimised by alternately solving all items, then all users (users last, so user factors are
 * exact for the final item factors, which is what fold-in reproduces). Memory is O(events + (users
 * + items) x factors).
 */
export async function trainAls(options: RatingsInput & AlsOptions): Promise<AlsModel> {
  const {
    nUsers,
    nItems,
    factors = 64,
    iterations = 15,
    regularization = 50,
    alpha = 2,
    likeThreshold = 3.5,
    cgSteps = 2,
    initStd = 0.01,
    threads = 1,
    seed,
    onProgress,
    onIteration,
  } = options;
  for (const [name, value] of [
    ['factors', factors],
    ['iterations', iterations],
    ['cgSteps', cgSteps],
    ['threads', threads],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new CfError(`trainAls: ${name} must be a positive integer (got ${value})`);
    }
  }
  for (const [name, value] of [
    ['regularization', regularization],
    ['alpha', alpha],
    ['initStd', initStd],
  ] as const) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new CfError(`trainAls: ${name} must be a finite number >= 0 (got ${value})`);
    }
  }
  validateRatings('trainAls', options);

  const shared = threads > 1;
  const byUser = likeEvents(options, likeThreshold, alpha, shared);
  const byItem = share(csrTranspose(byUser), shared);
  const userFactors = allocateFloat32(nUsers * factors, shared);
  const itemFactors = allocateFloat32(nItems * factors, shared);
  const random = new Random(seed);
  for (let k = 0; k < userFactors.length; k++) userFactors[k] = random.nextGaussian() * initStd;
  for (let k = 0; k < itemFactors.length; k++) itemFactors[k] = random.nextGaussian() * initStd;

  const pool = shared ? createWorkerPool(threads) : undefined;
  const solver = { pool, threads, factors, regularization, cgSteps };
  try {
    for (let it = 0; it < iterations; it++) {
      const started = performance.now();
      await solveSide(solver, byItem, itemFactors, userFactors);
      await solveSide(solver, byUser, userFactors, itemFactors);
      onIteration?.({ iteration: it + 1, seconds: (performance.now() - started) / 1000 });
      onProgress?.({ stage: 'als', done: it + 1, total: iterations, unit: 'iterations' });
    }
  } finally {
    await pool?.close();
  }
  return {
    kind: 'als',
    nUsers,
    nItems,
    factors,
    alpha,
    regularization,
    likeThreshold,
    userFactors: unshare(userFactors),
    itemFactors: unshare(itemFactors),
  };
}

/** The like events of the selected rows as a users x items CSR of alpha · rating (= confidence - 1). */
function likeEvents(input: RatingsInput, likeThreshold: number, alpha: number, shared: boolean): CsrMatrix {
  const { user, item, rating, rows, nUsers, nItems } = input;
  const n = rows === undefined ? user.length : rows.length;
  let nEvents = 0;
  for (let t = 0; t < n; t++) if (rating[rows === undefined ? t : rows[t]!]! >= likeThreshold) nEvents++;
  const eventUser = new Uint32Array(nEvents);
  const eventItem = new Uint32Array(nEvents);
  const eventWeight = new Float32Array(nEvents);
  let e = 0;
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    const r = rating[row]!;
    if (r < likeThreshold) continue;
    eventUser[e] = user[row]!;
    eventItem[e] = item[row]!;
    eventWeight[e] = alpha * r;
    e++;
  }
  return share(
    csrFromCoo({ nRows: nUsers, nCols: nItems, row: eventUser, col: eventItem, value: eventWeight }),
    shared,
  );
}

function share(matrix: CsrMatrix, shared: boolean): CsrMatrix {
  if (!shared) return matrix;
  const copy = <T extends Uint32Array | Float32Array>(
    source: T,
    make: (buffer: SharedArrayBuffer) => T,
  ): T => {
    const target = make(new SharedArrayBuffer(source.byteLength));
    target.set(source);
    return target;
  };
  return {
    nRows: matrix.nRows,
    nCols: matrix.nCols,
    indptr: copy(matrix.indptr, (b) => new Uint32Array(b)),
    indices: copy(matrix.indices, (b) => new Uint32Array(b)),
    data: copy(matrix.data, (b) => new Float32Array(b)),
  };
}

interface Solver {
  readonly pool: WorkerPool | undefined;
  readonly threads: number;
  readonly factors: number;
  readonly regularization: number;
  readonly cgSteps: number;
}

/** Solves every row of `x` (rows of `events`) against the fixed `y`. */
async function solveSide(solver: Solver, events: CsrMatrix, x: Float32Array, y: Float32Array): Promise<void> {
  const { pool, threads, factors: f, regularization, cgSteps } = solver;
  const gram = Float32Array.from(await gramMatrix(pool, threads, y, f));
  for (let k = 0; k < f; k++) gram[k * f + k]! += regularization;
  const cursor = new Int32Array(pool ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const task: AlsSolveTask = {
    indptr: events.indptr,
    indices: events.indices,
    data: events.data,
    nRows: events.nRows,
    x,
    y,
    gram,
    factors: f,
    cgSteps,
    cursor,
    chunk: SOLVE_CHUNK,
  };
  if (pool === undefined) runAlsSolve(task);
  else await pool.run(Array.from({ length: threads }, () => ({ kind: 'als-solve', task }) as const));
}

/** YᵀY, split into contiguous row ranges per thread and summed in a fixed order. */
async function gramMatrix(
  pool: WorkerPool | undefined,
  threads: number,
  y: Float32Array,
  f: number,
): Promise<Float64Array> {
  const nRows = y.length / f;
  if (pool === undefined) {
    const out = new Float64Array(f * f);
    runGram({ y, factors: f, rowStart: 0, rowEnd: nRows, out });
    return out;
  }
  const parts = new Float64Array(new SharedArrayBuffer(threads * f * f * 8));
  const tasks: GramTask[] = Array.from({ length: threads }, (_, w) => ({
    y,
    factors: f,
    rowStart: Math.floor((nRows * w) / threads),
    rowEnd: Math.floor((nRows * (w + 1)) / threads),
    out: parts.subarray(w * f * f, (w + 1) * f * f),
  }));
  await pool.run(tasks.map((task) => ({ kind: 'gram', task }) as const));
  const out = new Float64Array(f * f);
  for (let w = 0; w < threads; w++) for (let k = 0; k < f * f; k++) out[k]! += parts[w * f * f + k]!;
  return out;
}

/**
 * YᵀY + λI of a model's item factors, the part of every user solve that does not depend on the
 * user. Cached per item-factor array, since fold-in needs it for every request.
 */
export function itemGram(model: AlsModel): Float64Array {
  const cached = gramCache.get(model.itemFactors);
  if (cached !== undefined) return cached;
  const f = model.factors;
  const gram = new Float64Array(f * f);
  runGram({ y: model.itemFactors, factors: f, rowStart: 0, rowEnd: model.nItems, out: gram });
  for (let k = 0; k < f; k++) gram[k * f + k]! += model.regularization;
  gramCache.set(model.itemFactors, gram);
  return gram;
}

const gramCache = new WeakMap<Float32Array, Float64Array>();
