import { createRng } from '@reco/core';
import type { RatingsStore } from '@reco/data';
import { DEFAULT_LIKE_THRESHOLD } from './labels';
import {
  assertFractions,
  DEFAULT_FRACTIONS,
  finishSplit,
  type Split,
  TEST,
  TRAIN,
  VALIDATION,
} from './split-common';
import { assertLikeThreshold, assertNonEmptyStore, assertSeed } from './validate';

export interface StratifiedSplitOptions {
  /** Like = rating >= likeThreshold; the split is stratified on this label. Default 3.5. */
  readonly likeThreshold?: number;
  /** [train, validation, test] shares, summing to 1. Default [0.7, 0.15, 0.15]. */
  readonly fractions?: readonly [number, number, number];
  readonly seed: number;
}

/**
 * Random train / validation / test split, stratified on the like label (the deck's protocol).
 *
 * Each class gets exactly `round(n·f_train)` training rows and `round(n·(f_train + f_val))` minus
 * that many validation rows, so every part holds its share of each class to within one row. Then
 * every validation or test row whose user has no training rating moves to train, and
 * `report.movedToTrain` says how many did.
 */
export function stratifiedSplit(ratings: RatingsStore, options: StratifiedSplitOptions): Split {
  const { likeThreshold = DEFAULT_LIKE_THRESHOLD, fractions = DEFAULT_FRACTIONS, seed } = options;
  assertLikeThreshold('stratifiedSplit', likeThreshold);
  assertFractions('stratifiedSplit', fractions);
  assertSeed('stratifiedSplit', seed);
  assertNonEmptyStore('stratifiedSplit', ratings);

  const n = ratings.length;
  const rating = ratings.rating;
  let nLikes = 0;
  for (let r = 0; r < n; r++) if (rating[r]! >= likeThreshold) nLikes++;
  // Per class: rows left, training and validation rows still to pick.
  const left = [n - nLikes, nLikes];
  const train = left.map((size) => Math.round(size * fractions[0]));
  const validation = left.map((size, c) => Math.round(size * (fractions[0] + fractions[1])) - train[c]!);

  // Sequential selection sampling (Knuth's algorithm S, with three outcomes): each row goes to a
  // part with probability (rows that part still needs) / (rows left in its class). Every assignment
  // with those exact counts is equally likely, and the pass reads the store in order, where a
  // shuffle of 20M indices would jump around 80 MB.
  const random = createRng(seed);
  const part = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const c = rating[r]! >= likeThreshold ? 1 : 0;
    const x = random.nextInt(left[c]!);
    left[c]!--;
    if (x < train[c]!) {
      train[c]!--;
      part[r] = TRAIN;
    } else if (x < train[c]! + validation[c]!) {
      validation[c]!--;
      part[r] = VALIDATION;
    } else {
      part[r] = TEST;
    }
  }
  return finishSplit(ratings, part, { method: 'stratified', seed, likeThreshold, moveColdUsers: true });
}
