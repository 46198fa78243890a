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
