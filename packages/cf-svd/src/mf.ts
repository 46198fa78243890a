import { CfError } from './errors';
import { runSgdSubEpoch, type SgdArrays, type SgdStep } from './mf-kernel';
import { deriveSeed, Random } from './random';
import { allocateFloat32, allocateUint32, ratingStats, unshare, validateRatings } from './training-data';
import type { OnCfProgress, RatingScale, RatingsInput } from './types';
import { dot } from './vector';
import { createWorkerPool } from './worker-pool';

/**
 * A trained biased matrix factorisation: r̂_ui = clip(μ + b_u + b_i + p_u·q_i). Plain data, so it
 * serializes as is (`encodeModel`). Users or items with no training ratings have zero bias and
 * zero factors, so they predict μ + b_i (or μ + b_u, or μ).
 */
export interface MfModel {
  readonly kind: 'mf';
  readonly nUsers: number;
  readonly nItems: number;
  readonly factors: number;
  /** μ, the mean training rating. */
  readonly globalMean: number;
  readonly ratingScale: RatingScale;
  /** λ and λ_b used in training; fold-in reuses them so a folded user matches a trained one. */
  readonly regularization: number;
  readonly biasRegularization: number;
  readonly userBias: Float32Array;
  readonly itemBias: Float32Array;
  /** nUsers x factors, row-major. */
  readonly userFactors: Float32Array;
  /** nItems x factors, row-major. */
  readonly itemFactors: Float32Array;
}

export interface MfEpoch {
  readonly epoch: number;
  /** RMSE of the training ratings as seen during the epoch (each measured before its own update). */
  readonly trainRmse: number;
  readonly seconds: number;
}

export interface MfOptions {
  /** Latent dimensions. Default 64. */
  readonly factors?: number;
  /** Passes over the training ratings. Default 20. */
  readonly epochs?: number;
  /** SGD step size. Default 0.02. */
  readonly learningRate?: number;
  /** L2 penalty λ on the factor vectors. Default 0.05. */
  readonly regularization?: number;
  /** L2 penalty λ_b on the biases. Default 0.02. */
  readonly biasRegularization?: number;
  /** Standard deviation of the Gaussian factor initialisation. Default 0.02. */
  readonly initStd?: number;
  /** Clip range of predictions. Default: the min and max of the training ratings. */
  readonly ratingScale?: RatingScale;
  /**
   * Worker threads (up to 16). The result is the same bytes for any thread count: threads only run
   * strata that share no user and no item (see `trainMf`). Default 1.
   */
  readonly threads?: number;
  readonly seed: number;
  /** Called after each epoch with stage 'mf-sgd'. */
  readonly onProgress?: OnCfProgress;
  /** Called after each epoch with its training RMSE. */
  readonly onEpoch?: (epoch: MfEpoch) => void;
}

/**
 * Groups per side: users and items are each dealt into this many groups, giving STRATA x STRATA
 * strata (at most 256, so a stratum id fits a byte). At ML-20M size a stratum touches 8.6k users
 * and 1.7k items, 2.6 MB of factors, close to L2 size: measured ~15% faster than 8 x 8. And 16
 * strata per sub-epoch keep up to 16 threads busy.
 */
const STRATA = 16;

/**
 * Trains biased MF (Funk SVD as in Koren, Bell & Volinsky 2009) by stochastic gradient descent on
 * the selected rows. Memory is O(ratings + (users + items) x factors); no user x item matrix exists
 * at any point.
 *
 * Order: users and items are dealt into 16 groups each by seeded permutations, cutting the ratings
 * into 16 x 16 strata. An epoch is 16 sub-epochs in a seeded random order; sub-epoch s runs the 16
 * strata (user group g, item group (g + s) mod 16), which share no user and no item, each reshuffled
 * with a seed of its own. Every rating is visited once per epoch. This is the stratified SGD of
 * Gemulla et al. (2011): threads run the strata of a sub-epoch in parallel without locks or races
 * (unlike Hogwild), so the model is identical for any thread count, and a stratum's factors
 * stay in cache.
 */
export async function trainMf(options: RatingsInput & MfOptions): Promise<MfModel> {
  const {
    nUsers,
    nItems,
    factors = 64,
    epochs = 20,
    learningRate = 0.02,
    regularization = 0.05,
    biasRegularization = 0.02,
    initStd = 0.02,
    threads = 1,
    seed,
    onProgress,
    onEpoch,
  } = options;
  checkPositiveInteger('factors', factors);
  checkPositiveInteger('epochs', epochs);
  checkPositiveInteger('threads', threads);
  if (threads > STRATA) throw new CfError(`trainMf: threads must be at most ${STRATA} (got ${threads})`);
  for (const [name, value] of [
    ['learningRate', learningRate],
    ['regularization', regularization],
    ['biasRegularization', biasRegularization],
    ['initStd', initStd],
  ] as const) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new CfError(`trainMf: ${name} must be a finite number >= 0 (got ${value})`);
    }
  }
  const n = validateRatings('trainMf', options);
  if (n === 0) throw new CfError('trainMf: no training ratings (rows is empty)');
  const stats = ratingStats(options);
  const ratingScale = options.ratingScale ?? stats.scale;
  if (!(ratingScale.min <= ratingScale.max)) {
    throw new CfError(`trainMf: ratingScale.min ${ratingScale.min} exceeds max ${ratingScale.max}`);
  }

  const shared = threads > 1;
  const arrays = arrangeInStrata(options, n, seed, shared, factors);
  initialiseFactors(arrays, new Random(seed), initStd);
  const step: SgdStep = {
    factors,
    globalMean: stats.mean,
    learningRate,
    regularization,
    biasRegularization,
  };

  const shifts = new Uint32Array(STRATA);
  const strata = new Uint32Array(STRATA);
  const cursor = new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const pool = shared ? createWorkerPool(threads) : undefined;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const started = performance.now();
      for (let s = 0; s < STRATA; s++) shifts[s] = s;
      new Random(deriveSeed(seed, epoch, 0x5eed)).shuffle(shifts);
      let squaredError = 0;
      for (const shift of shifts) {
        for (let g = 0; g < STRATA; g++) strata[g] = g * STRATA + ((g + shift) % STRATA);
        cursor[0] = 0;
        const task = { arrays, step, strata, cursor, seed, epoch };
        if (pool === undefined) {
          squaredError += runSgdSubEpoch(task);
        } else {
          const parts = await pool.run(
            Array.from({ length: threads }, () => ({ kind: 'sgd', task }) as const),
          );
          for (const part of parts) squaredError += part;
        }
      }
      onEpoch?.({
        epoch: epoch + 1,
        trainRmse: Math.sqrt(squaredError / n),
        seconds: (performance.now() - started) / 1000,
      });
      onProgress?.({ stage: 'mf-sgd', done: epoch + 1, total: epochs, unit: 'epochs' });
    }
  } finally {
    await pool?.close();
  }

  const model: MfModel = {
    kind: 'mf',
    nUsers,
    nItems,
    factors,
    globalMean: stats.mean,
    ratingScale,
    regularization,
    biasRegularization,
    userBias: unshare(arrays.userBias),
    itemBias: unshare(arrays.itemBias),
    userFactors: unshare(arrays.userFactors),
    itemFactors: unshare(arrays.itemFactors),
  };
  zeroUnseen(model, arrays);
  return model;
}

/** Group of each of `n` entities: a seeded permutation dealt round-robin into STRATA groups. */
function dealIntoGroups(n: number, random: Random): Uint8Array {
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  random.shuffle(order);
  const group = new Uint8Array(n);
  for (let rank = 0; rank < n; rank++) group[order[rank]!] = rank % STRATA;
  return group;
}

/** Copies the training rows into stratum order with a counting sort on (user group, item group). */
function arrangeInStrata(
  input: RatingsInput,
  n: number,
  seed: number,
  shared: boolean,
  factors: number,
): SgdArrays {
  const { user, item, rating, rows, nUsers, nItems } = input;
  const userGroup = dealIntoGroups(nUsers, new Random(deriveSeed(seed, 0x05e7)));
  const itemGroup = dealIntoGroups(nItems, new Random(deriveSeed(seed, 0x17e7)));
  const stratum = new Uint8Array(n);
  const strataStart = new Uint32Array(STRATA * STRATA + 1);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    stratum[t] = userGroup[user[row]!]! * STRATA + itemGroup[item[row]!]!;
    strataStart[stratum[t]! + 1]!++;
  }
  for (let s = 0; s < STRATA * STRATA; s++) strataStart[s + 1]! += strataStart[s]!;
  const cursor = strataStart.slice(0, STRATA * STRATA);
  const stratUser = allocateUint32(n, shared);
  const stratItem = allocateUint32(n, shared);
  const stratRating = allocateFloat32(n, shared);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    const dest = cursor[stratum[t]!]!++;
    stratUser[dest] = user[row]!;
    stratItem[dest] = item[row]!;
    stratRating[dest] = rating[row]!;
  }
  return {
    user: stratUser,
    item: stratItem,
    rating: stratRating,
    strataStart,
    userFactors: allocateFloat32(nUsers * factors, shared),
    itemFactors: allocateFloat32(nItems * factors, shared),
    userBias: allocateFloat32(nUsers, shared),
    itemBias: allocateFloat32(nItems, shared),
  };
}

function initialiseFactors(arrays: SgdArrays, random: Random, initStd: number): void {
  const { userFactors, itemFactors } = arrays;
  for (let k = 0; k < userFactors.length; k++) userFactors[k] = random.nextGaussian() * initStd;
  for (let k = 0; k < itemFactors.length; k++) itemFactors[k] = random.nextGaussian() * initStd;
}

/** Entities without training ratings keep only their random init; zero it so it adds no noise. */
function zeroUnseen(model: MfModel, arrays: SgdArrays): void {
  const { factors: f } = model;
  const userSeen = new Uint8Array(model.nUsers);
  const itemSeen = new Uint8Array(model.nItems);
  for (let t = 0; t < arrays.user.length; t++) {
    userSeen[arrays.user[t]!] = 1;
    itemSeen[arrays.item[t]!] = 1;
  }
  for (let u = 0; u < model.nUsers; u++) if (userSeen[u] === 0) model.userFactors.fill(0, u * f, u * f + f);
  for (let i = 0; i < model.nItems; i++) if (itemSeen[i] === 0) model.itemFactors.fill(0, i * f, i * f + f);
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new CfError(`trainMf: ${name} must be a positive integer (got ${value})`);
  }
}

/** Raw score μ + b_u + b_i + p_u·q_i, unclipped (ranking wants the order, not the scale). */
export function mfScore(model: MfModel, user: number, item: number): number {
  const f = model.factors;
  const interaction = dot(model.userFactors, user * f, model.itemFactors, item * f, f);
  return model.globalMean + model.userBias[user]! + model.itemBias[item]! + interaction;
}

/** Predicted rating of one (user, item), clipped to the rating scale. */
export function predictMf(model: MfModel, user: number, item: number): number {
  checkIndex('predictMf', 'user', user, model.nUsers);
  checkIndex('predictMf', 'item', item, model.nItems);
  return clip(mfScore(model, user, item), model.ratingScale);
}

/**
 * Clipped predictions for many (user, item) rows at once: `rows` selects from user/item (default
 * all), and the result is aligned with the selection.
 */
export function predictMfRows(
  model: MfModel,
  input: { readonly user: Uint32Array; readonly item: Uint32Array; readonly rows?: Uint32Array },
): Float32Array {
  const { user, item, rows } = input;
  const n = rows === undefined ? user.length : rows.length;
  const out = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    const u = user[row]!;
    const i = item[row]!;
    // Also false for undefined, i.e. a row past the end of the arrays.
    if (!(u < model.nUsers && i < model.nItems)) {
      throw new CfError(`predictMfRows: row ${row} has (user ${u}, item ${i}) outside the model`);
    }
    out[t] = clip(mfScore(model, u, i), model.ratingScale);
  }
  return out;
}

export function clip(value: number, scale: RatingScale): number {
  return Math.min(scale.max, Math.max(scale.min, value));
}

export function checkIndex(where: string, name: string, index: number, size: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new CfError(`${where}: ${name} ${index} is outside 0..${size - 1}`);
  }
}
