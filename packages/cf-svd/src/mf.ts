import { CfError } from './errors';
import { runSgdEpoch, type SgdArrays, type SgdStep } from './mf-kernel';
import { deriveSeed, Random } from './random';
import { allocateFloat32, allocateUint32, ratingStats, unshare, validateRatings } from './training-data';
import type { OnCfProgress, RatingScale, RatingsInput } from './types';
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
   * Threads. 1 (the default) is deterministic: same seed, same bytes. With more, workers share the
   * factors and update them lock-free (Hogwild, Recht et al. 2011): faster, and as accurate, but
   * item updates race, so the last bits differ from run to run.
   */
  readonly threads?: number;
  readonly seed: number;
  /** Called after each epoch with stage 'mf-sgd'. */
  readonly onProgress?: OnCfProgress;
  /** Called after each epoch with its training RMSE. */
  readonly onEpoch?: (epoch: MfEpoch) => void;
}

/** Users per SGD block: 4096 x 64 factors x 4 bytes = 1 MiB of user factors, resident in L2. */
const USERS_PER_BLOCK = 4096;

/**
 * Trains biased MF (Funk SVD as in Koren, Bell & Volinsky 2009) by stochastic gradient descent on
 * the selected rows. Each epoch visits every training rating once, in a seeded random order:
 * users are dealt into blocks of 4096 by a seeded permutation, blocks run in a fresh random order
 * and each block is reshuffled (see `mf-kernel.ts` for why blocks). Memory is O(ratings + (users +
 * items) x factors); no user x item matrix exists at any point.
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
  const arrays = arrangeInBlocks(options, n, seed, shared, factors);
  initialiseFactors(arrays, new Random(seed), initStd);
  const step: SgdStep = {
    factors,
    globalMean: stats.mean,
    learningRate,
    regularization,
    biasRegularization,
  };

  const nBlocks = arrays.blockStart.length - 1;
  const blockOrder = new Uint32Array(nBlocks);
  const cursor = new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const pool = shared ? createWorkerPool(threads) : undefined;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const started = performance.now();
      for (let b = 0; b < nBlocks; b++) blockOrder[b] = b;
      new Random(deriveSeed(seed, epoch, 0xb10c)).shuffle(blockOrder);
      cursor[0] = 0;
      const task = { arrays, step, blockOrder, cursor, seed, epoch };
      let squaredError: number;
      if (pool === undefined) {
        squaredError = runSgdEpoch(task);
      } else {
        const parts = await pool.run(
          Array.from({ length: threads }, () => ({ kind: 'sgd-epoch', task }) as const),
        );
        squaredError = parts.reduce((sum, part) => sum + part, 0);
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

/**
 * Copies the training rows into block order: a seeded permutation deals users into blocks of
 * USERS_PER_BLOCK, then a counting sort groups each block's ratings contiguously.
 */
function arrangeInBlocks(
  input: RatingsInput,
  n: number,
  seed: number,
  shared: boolean,
  factors: number,
): SgdArrays {
  const { user, item, rating, rows, nUsers, nItems } = input;
  const userOrder = new Uint32Array(nUsers);
  for (let u = 0; u < nUsers; u++) userOrder[u] = u;
  new Random(deriveSeed(seed, 0xb1)).shuffle(userOrder);
  const blockOfUser = new Uint32Array(nUsers);
  for (let rank = 0; rank < nUsers; rank++)
    blockOfUser[userOrder[rank]!] = Math.floor(rank / USERS_PER_BLOCK);
  const nBlocks = Math.ceil(nUsers / USERS_PER_BLOCK);

  const blockStart = new Uint32Array(nBlocks + 1);
  for (let t = 0; t < n; t++) blockStart[blockOfUser[user[rows === undefined ? t : rows[t]!]!]! + 1]!++;
  for (let b = 0; b < nBlocks; b++) blockStart[b + 1]! += blockStart[b]!;
  const cursor = blockStart.slice(0, nBlocks);
  const blockUser = allocateUint32(n, shared);
  const blockItem = allocateUint32(n, shared);
  const blockRating = allocateFloat32(n, shared);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    const dest = cursor[blockOfUser[user[row]!]!]!++;
    blockUser[dest] = user[row]!;
    blockItem[dest] = item[row]!;
    blockRating[dest] = rating[row]!;
  }
  return {
    user: blockUser,
    item: blockItem,
    rating: blockRating,
    blockStart,
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
  const { factors: f, userFactors: p, itemFactors: q } = model;
  const pu = user * f;
  const qi = item * f;
  let dot = 0;
  for (let k = 0; k < f; k++) dot += p[pu + k]! * q[qi + k]!;
  return model.globalMean + model.userBias[user]! + model.itemBias[item]! + dot;
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
    if (u >= model.nUsers || i >= model.nItems || u === undefined || i === undefined) {
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
