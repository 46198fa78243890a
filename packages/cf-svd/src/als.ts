import { createRng } from '@reco/core';
import { type GramTask, runAlsSolve, runGram } from './als-kernel';
import { type CfWorkerPool, withCfWorkerPool } from './cf-pool';
import { allocateArena, paddedFactors, unpadRows } from './simd/arena';
import type { WasmMemory } from './simd/wasm-api';
import { type CsrMatrix, csrFromCoo, csrTranspose } from './sparse';
import { validateRatings } from './training-data';
import { checkNonNegativeNumbers, checkPositiveIntegers, initialiseFactorRows } from './training-setup';
import type { OnCfProgress, RatingsInput } from './types';

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
  const settings = resolveAlsOptions(options);
  validateRatings('trainAls', options);
  const { factors, iterations, threads, seed } = settings;
  const arena = alsArena(options, settings);
  const { userFactors, itemFactors } = arena;
  initialiseFactorRows([userFactors, itemFactors], arena.stride, factors, createRng(seed), settings.initStd);
  await withCfWorkerPool(threads, async (pool) => {
    const solver: Solver = { pool, arena, settings };
    for (let it = 0; it < iterations; it++) {
      const started = performance.now();
      await solveSide(solver, arena.byItem, itemFactors, userFactors);
      await solveSide(solver, arena.byUser, userFactors, itemFactors);
      options.onIteration?.({ iteration: it + 1, seconds: (performance.now() - started) / 1000 });
      options.onProgress?.({ stage: 'als', done: it + 1, total: iterations, unit: 'iterations' });
    }
  });
  const { nUsers, nItems } = options;
  return {
    kind: 'als',
    nUsers,
    nItems,
    factors,
    alpha: settings.alpha,
    regularization: settings.regularization,
    likeThreshold: settings.likeThreshold,
    userFactors: unpadRows(userFactors, nUsers, arena.stride, factors),
    itemFactors: unpadRows(itemFactors, nItems, arena.stride, factors),
  };
}

/** `AlsOptions` with every default filled in and checked; the callbacks stay with the caller. */
type AlsSettings = Required<Omit<AlsOptions, 'onProgress' | 'onIteration'>>;

function resolveAlsOptions(options: AlsOptions): AlsSettings {
  const {
    factors = 64,
    iterations = 15,
    regularization = 50,
    alpha = 2,
    likeThreshold = 3.5,
    cgSteps = 2,
    initStd = 0.01,
    threads = 1,
    seed,
  } = options;
  checkPositiveIntegers('trainAls', { factors, iterations, cgSteps, threads });
  checkNonNegativeNumbers('trainAls', { regularization, alpha, initStd });
  return { factors, iterations, regularization, alpha, likeThreshold, cgSteps, initStd, threads, seed };
}

/** The shared arena of a training run: both factor matrices, the events of both sides, the solver scratch. */
interface AlsArena {
  readonly memory: WasmMemory;
  /** Floats per factor row: factors rounded up to a multiple of 4. */
  readonly stride: number;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly byUser: Events;
  readonly byItem: Events;
  /** CG vectors r, p, Ap of each thread, one cache-line-aligned slot per thread. */
  readonly scratch: Float32Array;
  /** stride x stride floats for YᵀY + λI of the side being solved. */
  readonly gram: Float32Array;
}

/**
 * Events by user (CSR) and by item (its transpose); their columns and the factors go into one
 * shared arena for the SIMD kernel, the row pointers stay ordinary (shared) arrays.
 */
function alsArena(input: RatingsInput, settings: AlsSettings): AlsArena {
  const { factors, threads, likeThreshold, alpha } = settings;
  const byUserCsr = likeEvents(input, likeThreshold, alpha);
  const byItemCsr = csrTranspose(byUserCsr);
  const nEvents = byUserCsr.indices.length;
  const stride = paddedFactors(factors);
  const { memory, views } = allocateArena('trainAls', {
    userFactors: { type: 'f32', length: input.nUsers * stride },
    itemFactors: { type: 'f32', length: input.nItems * stride },
    userIndices: { type: 'u32', length: nEvents },
    userData: { type: 'f32', length: nEvents },
    itemIndices: { type: 'u32', length: nEvents },
    itemData: { type: 'f32', length: nEvents },
    scratch: { type: 'f32', length: threads * scratchFloats(stride) },
    gram: { type: 'f32', length: stride * stride },
  });
  views.userIndices.set(byUserCsr.indices);
  views.userData.set(byUserCsr.data);
  views.itemIndices.set(byItemCsr.indices);
  views.itemData.set(byItemCsr.data);
  return {
    memory,
    stride,
    userFactors: views.userFactors,
    itemFactors: views.itemFactors,
    byUser: { indptr: shareArray(byUserCsr.indptr), indices: views.userIndices, data: views.userData },
    byItem: { indptr: shareArray(byItemCsr.indptr), indices: views.itemIndices, data: views.itemData },
    scratch: views.scratch,
    gram: views.gram,
  };
}

/** The like events of the selected rows as a users x items CSR of alpha · rating (= confidence - 1). */
function likeEvents(input: RatingsInput, likeThreshold: number, alpha: number): CsrMatrix {
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
  return csrFromCoo({ nRows: nUsers, nCols: nItems, row: eventUser, col: eventItem, value: eventWeight });
}

/** Floats per thread for the CG vectors r, p, Ap, rounded up to whole 64-byte cache lines. */
function scratchFloats(stride: number): number {
  return Math.ceil((3 * stride) / 16) * 16;
}

/** One side's events: row pointers, and the columns and alpha · rating as views of the arena. */
interface Events {
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  readonly data: Float32Array;
}

function shareArray(source: Uint32Array): Uint32Array {
  const target = new Uint32Array(new SharedArrayBuffer(source.byteLength));
  target.set(source);
  return target;
}

interface Solver {
  readonly pool: CfWorkerPool | undefined;
  readonly arena: AlsArena;
  readonly settings: AlsSettings;
}

/** Solves every row of `x` (rows of `events`) against the fixed `y`. */
async function solveSide(solver: Solver, events: Events, x: Float32Array, y: Float32Array): Promise<void> {
  const { pool, arena, settings } = solver;
  const { memory, stride, scratch, gram } = arena;
  const { threads, factors, regularization, cgSteps } = settings;
  // YᵀY + λI, padded to stride x stride: the padding rows and columns are zero apart from λ on the
  // diagonal, so padded coordinates of every solution stay exactly zero.
  const gram64 = await gramMatrix(pool, threads, y, stride, factors);
  gram.fill(0);
  for (let a = 0; a < factors; a++)
    for (let b = 0; b < factors; b++) gram[a * stride + b] = gram64[a * factors + b]!;
  for (let k = 0; k < stride; k++) gram[k * stride + k]! += regularization;
  const task = {
    memory,
    stride,
    indptr: events.indptr,
    indices: events.indices,
    data: events.data,
    nRows: events.indptr.length - 1,
    x,
    y,
    gram,
    cgSteps,
    cursor: new Int32Array(new SharedArrayBuffer(4)),
    chunk: SOLVE_CHUNK,
  };
  const slot = scratchFloats(stride);
  const scratchOf = (w: number) => scratch.subarray(w * slot, w * slot + 3 * stride);
  if (pool === undefined) runAlsSolve({ ...task, scratch: scratchOf(0) });
  else {
    await pool.run(
      Array.from(
        { length: threads },
        (_, w) => ({ kind: 'als-solve', task: { ...task, scratch: scratchOf(w) } }) as const,
      ),
    );
  }
}

/** YᵀY (factors x factors), split into contiguous row ranges per thread and summed in a fixed order. */
async function gramMatrix(
  pool: CfWorkerPool | undefined,
  threads: number,
  y: Float32Array,
  stride: number,
  factors: number,
): Promise<Float64Array> {
  const nRows = y.length / stride;
  const size = factors * factors;
  if (pool === undefined) {
    const out = new Float64Array(size);
    runGram({ y, stride, factors, rowStart: 0, rowEnd: nRows, out });
    return out;
  }
  const parts = new Float64Array(new SharedArrayBuffer(threads * size * 8));
  const tasks: GramTask[] = Array.from({ length: threads }, (_, w) => ({
    y,
    stride,
    factors,
    rowStart: Math.floor((nRows * w) / threads),
    rowEnd: Math.floor((nRows * (w + 1)) / threads),
    out: parts.subarray(w * size, (w + 1) * size),
  }));
  await pool.run(tasks.map((task) => ({ kind: 'gram', task }) as const));
  const out = new Float64Array(size);
  for (let w = 0; w < threads; w++) for (let k = 0; k < size; k++) out[k]! += parts[w * size + k]!;
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
  runGram({ y: model.itemFactors, stride: f, factors: f, rowStart: 0, rowEnd: model.nItems, out: gram });
  for (let k = 0; k < f; k++) gram[k * f + k]! += model.regularization;
  gramCache.set(model.itemFactors, gram);
  return gram;
}

const gramCache = new WeakMap<Float32Array, Float64Array>();
