import type { RatingsStore } from '@reco/data';
import { DEFAULT_LIKE_THRESHOLD } from './labels';
import { Random } from './random';
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
 * Each class is shuffled (seeded) and cut at `round(n·f_train)` and `round(n·(f_train + f_val))`,
 * so every part holds its share of each class to within one row. Then every validation or test row
 * whose user has no training rating moves to train, and `report.movedToTrain` says how many did.
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
  // Rows grouped by class, dislikes first: one buffer, two shuffled ranges.
  const byClass = new Uint32Array(n);
  let dislikeFill = 0;
  let likeFill = n - nLikes;
  for (let r = 0; r < n; r++) {
    if (rating[r]! >= likeThreshold) byClass[likeFill++] = r;
    else byClass[dislikeFill++] = r;
  }

  const random = new Random(seed);
  const part = new Uint8Array(n);
  const ranges: readonly (readonly [number, number])[] = [
    [0, n - nLikes],
    [n - nLikes, n],
  ];
  for (const [start, end] of ranges) {
    random.shuffle(byClass, start, end);
    const size = end - start;
    const trainEnd = start + Math.round(size * fractions[0]);
    const validationEnd = start + Math.round(size * (fractions[0] + fractions[1]));
    for (let i = start; i < end; i++) {
      part[byClass[i]!] = i < trainEnd ? TRAIN : i < validationEnd ? VALIDATION : TEST;
    }
  }
  return finishSplit(ratings, part, { method: 'stratified', seed, likeThreshold, moveColdUsers: true });
}
