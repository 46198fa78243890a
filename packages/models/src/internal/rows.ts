import { createRawRng } from '@reco/core';
import { ModelError } from '../errors';
import type { Labels } from '../types';

/** Copies the given rows of a row-major matrix into a new one (plain loop: no per-row views). */
export function takeRows(X: Float32Array, nCols: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * nCols);
  for (let k = 0, o = 0; k < rows.length; k++) {
    const from = rows[k]! * nCols;
    for (let j = 0; j < nCols; j++) out[o++] = X[from + j]!;
  }
  return out;
}

export function takeLabels(y: Labels, rows: Uint32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]!]!;
  return out;
}

/** Rows of `subset` (default all) split by class, each shuffled with `seed`. */
function shuffledByClass(y: Labels, seed: number, subset?: Uint32Array): [Uint32Array, Uint32Array] {
  const n = subset ? subset.length : y.length;
  let nPos = 0;
  for (let k = 0; k < n; k++) if (y[subset ? subset[k]! : k] === 1) nPos++;
  const pos = new Uint32Array(nPos);
  const neg = new Uint32Array(n - nPos);
  for (let k = 0, p = 0, q = 0; k < n; k++) {
    const row = subset ? subset[k]! : k;
    if (y[row] === 1) pos[p++] = row;
    else neg[q++] = row;
  }
  // The unmixed stream: the same folds for the same seed as before @reco/core.
  const rng = createRawRng(seed);
  return [rng.shuffle(pos), rng.shuffle(neg)];
}

/**
 * Stratified k-fold assignment: each class is shuffled and dealt round-robin, so every fold gets
 * its share of each class (±1 row). Returns the fold index of every row.
 */
export function stratifiedFolds(y: Labels, k: number, seed: number): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255) {
    throw new ModelError('invalid-input', `folds is ${k}; expected an integer from 2 to 255`);
  }
  const [pos, neg] = shuffledByClass(y, seed);
  if (pos.length < k || neg.length < k) {
    throw new ModelError(
      'invalid-input',
      `${k}-fold cross-validation needs at least ${k} rows of each class; got ${pos.length} positive and ${neg.length} negative`,
    );
  }
  const fold = new Uint8Array(y.length);
  for (let i = 0; i < pos.length; i++) fold[pos[i]!] = i % k;
  // Negatives continue the deal where positives stopped, so fold sizes also stay balanced.
  for (let i = 0; i < neg.length; i++) fold[neg[i]!] = (i + pos.length) % k;
  return fold;
}

/** Rows in fold `f` and the rest, ascending. */
export function foldRows(fold: Uint8Array, f: number): { train: Uint32Array; test: Uint32Array } {
  let nTest = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) nTest++;
  const test = new Uint32Array(nTest);
  const train = new Uint32Array(fold.length - nTest);
  for (let i = 0, a = 0, b = 0; i < fold.length; i++) {
    if (fold[i] === f) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

/**
 * Stratified holdout of about `fraction` of `subset` (at least one row of each class), both
 * parts ascending so the copied matrices keep the original row order.
 */
export function stratifiedSplit(
  y: Labels,
  subset: Uint32Array,
  fraction: number,
  seed: number,
): { train: Uint32Array; holdout: Uint32Array } {
  const [pos, neg] = shuffledByClass(y, seed, subset);
  const takePos = Math.min(pos.length - 1, Math.max(1, Math.round(fraction * pos.length)));
  const takeNeg = Math.min(neg.length - 1, Math.max(1, Math.round(fraction * neg.length)));
  if (takePos < 1 || takeNeg < 1) {
    throw new ModelError('invalid-input', 'an early-stopping holdout needs at least two rows of each class');
  }
  const holdout = new Uint32Array(takePos + takeNeg);
  holdout.set(pos.subarray(0, takePos));
  holdout.set(neg.subarray(0, takeNeg), takePos);
  const train = new Uint32Array(subset.length - holdout.length);
  train.set(pos.subarray(takePos));
  train.set(neg.subarray(takeNeg), pos.length - takePos);
  return { train: train.sort(), holdout: holdout.sort() };
}

/** A seed for a sub-stream (folds, sampling, holdouts) derived from the user's seed. */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) >>> 0;
}
