import { createRng } from '@reco/core';
import type { Dataset } from '@reco/data';
import { FeatureError } from './errors';
import { finishSplit, type Split, TEST, VALIDATION } from './split-common';
import { assertLikeThreshold, assertNonEmptyStore, assertSeed } from './validate';

export interface NetflixProbeSplitOptions {
  /** Like = rating >= likeThreshold. Default 4: Netflix ratings are whole stars, so 3.5 cannot occur. */
  readonly likeThreshold?: number;
  /** Share of the non-probe rows held out for validation, drawn with `seed`. Default 0. */
  readonly validation?: number;
  /** Needed when `validation` is above 0. Default 0. */
  readonly seed?: number;
}

/**
 * The Netflix Prize's own split: the rows of `probe.txt` are the test part, exactly as published;
 * the rest is train, less an optional seeded validation share. Cold users are not moved (the
 * probe is kept whole); `report.coldUserRows` counts any.
 */
export function netflixProbeSplit(
  dataset: Pick<Dataset, 'ratings' | 'predefinedSplit'>,
  options: NetflixProbeSplitOptions = {},
): Split {
  const { likeThreshold = 4, validation = 0, seed = 0 } = options;
  assertLikeThreshold('netflixProbeSplit', likeThreshold);
  assertSeed('netflixProbeSplit', seed);
  if (!(validation >= 0 && validation < 1)) {
    throw new FeatureError(
      'bad-option',
      `netflixProbeSplit: validation must be in [0, 1) (got ${validation})`,
      {
        field: 'validation',
      },
    );
  }
  const { ratings, predefinedSplit } = dataset;
  assertNonEmptyStore('netflixProbeSplit', ratings);
  if (predefinedSplit?.kind !== 'netflix-probe') {
    throw new FeatureError(
      'missing-split',
      'netflixProbeSplit: the dataset has no probe split; load a Netflix Prize folder that holds probe.txt',
    );
  }
  const part = new Uint8Array(ratings.length); // TRAIN is 0
  const random = createRng(seed);
  if (validation > 0) {
    for (let r = 0; r < ratings.length; r++) if (random.nextFloat() < validation) part[r] = VALIDATION;
  }
  for (const r of predefinedSplit.test) {
    if (r >= ratings.length)
      throw new FeatureError('bad-input', `netflixProbeSplit: probe row ${r} is outside the store`);
    part[r] = TEST;
  }
  return finishSplit(ratings, part, {
    method: 'netflix-probe',
    seed: validation > 0 ? seed : null,
    likeThreshold,
    moveColdUsers: false,
  });
}
