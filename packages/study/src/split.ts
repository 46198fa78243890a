import { sampleSorted } from '@reco/core';
import type { Dataset } from '@reco/data';
import {
  globalTemporalSplit,
  netflixProbeSplit,
  type Split,
  stratifiedSplit,
  userTemporalSplit,
} from '@reco/features';
import type { SplitName } from './config';

/** The 70 / 15 / 15 shares every split method aims for. */
const FRACTIONS: readonly [number, number, number] = [0.7, 0.15, 0.15];

/**
 * Splits the ratings into train / validation / test rows.
 * - `random`: stratified on the like label (the deck's protocol), seeded.
 * - `user-time`: each user's latest 15% to test, the 15% before them to validation.
 * - `time`: one global cut in time; users first seen after the cut stay cold, as in deployment.
 * - `netflix-probe`: the Prize's probe.txt rows are the test part, exactly as published; a seeded
 *   15% of the other rows is validation (the study needs one to choose models and thresholds).
 */
export function splitRatings(
  dataset: Pick<Dataset, 'ratings' | 'predefinedSplit'>,
  options: { method: SplitName; seed: number; likeThreshold: number },
): Split {
  const { method, seed, likeThreshold } = options;
  const { ratings } = dataset;
  switch (method) {
    case 'random':
      return stratifiedSplit(ratings, { seed, likeThreshold, fractions: FRACTIONS });
    case 'user-time':
      return userTemporalSplit(ratings, {
        seed,
        likeThreshold,
        validation: FRACTIONS[1],
        test: FRACTIONS[2],
        unit: 'fraction',
      });
    case 'time':
      return globalTemporalSplit(ratings, { fractions: FRACTIONS, likeThreshold, coldUsers: 'keep' });
    case 'netflix-probe':
      return netflixProbeSplit(dataset, { likeThreshold, validation: FRACTIONS[1], seed });
  }
}

/**
 * A seeded sample of `size` training rows (all of them when `size` is null or larger), sorted
 * ascending as the feature pipeline wants.
 */
export function sampleRows(rows: Uint32Array, size: number | null, seed: number): Uint32Array {
  if (size === null || size >= rows.length) return rows;
  return sampleSorted(rows, size, seed ^ 0x5eed);
}
