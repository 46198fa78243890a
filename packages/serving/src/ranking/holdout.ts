import type { RatingsStore } from '@reco/data';
import { userTemporalSplit } from '@reco/features';

export interface RankingHoldoutOptions {
  /** Share of each user's latest ratings held out. Default 0.2. */
  readonly fraction?: number;
  /** Breaks ties between ratings with equal timestamps. */
  readonly seed: number;
}

/** Training rows and held-out rows (each sorted) of the ranking evaluation. */
export interface RankingHoldout {
  readonly train: Uint32Array;
  readonly holdout: Uint32Array;
}

/**
 * The per-user temporal holdout of the ranking evaluation: each user's latest `fraction` of
 * ratings (rounded per user; every user keeps at least one training rating) is held out. Train the
 * parts on `train` only, then pass `holdout` to `evaluateRanking`.
 */
export function rankingHoldout(ratings: RatingsStore, options: RankingHoldoutOptions): RankingHoldout {
  const split = userTemporalSplit(ratings, {
    validation: 0,
    test: options.fraction ?? 0.2,
    seed: options.seed,
  });
  return { train: split.train, holdout: split.test };
}

/** The ranking holdout, plus an inner one carved the same way from its training rows. */
export interface NestedRankingHoldout extends RankingHoldout {
  /** Inner training rows and inner held-out rows (each user's latest `fraction` of `train`). */
  readonly tuning: RankingHoldout;
}

/**
 * Two per-user temporal holdouts, nested: `holdout` is each user's latest `fraction`, as in
 * `rankingHoldout`, and `tuning.holdout` the latest `fraction` of what is left. Choose settings
 * (the hybrid weight) with parts trained on `tuning.train`, scored on `tuning.holdout`; report them
 * with parts trained on `train`, scored on `holdout`, which the choice never saw.
 */
export function nestedRankingHoldout(
  ratings: RatingsStore,
  options: RankingHoldoutOptions,
): NestedRankingHoldout {
  const fraction = options.fraction ?? 0.2;
  const split = userTemporalSplit(ratings, {
    validation: fraction * (1 - fraction),
    test: fraction,
    seed: options.seed,
  });
  return {
    train: mergeSorted(split.train, split.validation),
    holdout: split.test,
    tuning: { train: split.train, holdout: split.validation },
  };
}

/** The union of two sorted, disjoint row lists, sorted. */
function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) out[o++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[o++] = a[i++]!;
  while (j < b.length) out[o++] = b[j++]!;
  return out;
}
