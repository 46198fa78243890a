import type { UserSimulator } from './user-simulator';

/**
 * The ml-20m rating histogram in percent, for 0.5, 1.0, ..., 5.0 stars (mean 3.53, mode 4.0).
 * Ratings are the latent scores cut at the matching quantiles, so the synthetic histogram matches
 * this one while the order of scores, and thus all the signal, is kept.
 */
export const ML20M_RATING_PERCENT = [1.1, 3.3, 1.4, 7.2, 4.4, 21.3, 11.0, 27.8, 7.6, 14.5] as const;

/** Ratings the calibration pass replays; quantiles of 300k scores are within ~0.1% of the truth. */
const CALIBRATION_RATINGS = 1_000_000;

/**
 * Score cut points for the ten half-star levels: rating level r (0 = 0.5 stars) is the number of
 * thresholds below the score. Found from the exact scores of an evenly spaced sample of users
 * (every k-th user), replayed with the same per-user streams the writer uses; users are i.i.d.,
 * so the sample is unbiased, including its heavy raters.
 */
export function calibrateThresholds(
  simulator: UserSimulator,
  activity: Uint32Array,
  totalRatings: number,
): Float64Array {
  const users = activity.length;
  const stride = Math.max(1, Math.floor(totalRatings / CALIBRATION_RATINGS));
  let sampled = 0;
  for (let u = 0; u < users; u += stride) sampled += activity[u]!;
  const scores = new Float64Array(sampled);
  let n = 0;
  for (let u = 0; u < users; u += stride) {
    const count = simulator.simulate(u);
    scores.set(simulator.scores.subarray(0, count), n);
    n += count;
  }
  scores.sort();

  let total = 0;
  for (const p of ML20M_RATING_PERCENT) total += p;
  const thresholds = new Float64Array(ML20M_RATING_PERCENT.length - 1);
  let cumulative = 0;
  for (let r = 0; r < thresholds.length; r++) {
    cumulative += ML20M_RATING_PERCENT[r]! / total;
    thresholds[r] = scores[Math.min(n - 1, Math.floor(cumulative * n))]!;
  }
  return thresholds;
}
