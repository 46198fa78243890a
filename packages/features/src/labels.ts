import type { RatingsStore } from '@reco/data';
import { assertLikeThreshold } from './validate';

/** The default like threshold: a rating of 3.5 stars or more counts as a like. */
export const DEFAULT_LIKE_THRESHOLD = 3.5;

export interface LikeLabelOptions {
  /** A rating >= this is a like (1), anything lower a dislike (0). In 0.5..5. Default 3.5. */
  readonly likeThreshold?: number;
  /** Label only these rows of the store, in this order. Default: every row. */
  readonly rows?: Uint32Array;
}

/**
 * Like / dislike labels: `labels[i] = rating >= likeThreshold ? 1 : 0`, for every row of the store or
 * for `rows`. Ratings are compared as stored (Float32), so 3.5 is exactly a like.
 */
export function likeLabels(ratings: RatingsStore, options: LikeLabelOptions = {}): Uint8Array {
  const { likeThreshold = DEFAULT_LIKE_THRESHOLD, rows } = options;
  assertLikeThreshold('likeLabels', likeThreshold);
  const rating = ratings.rating;
  if (rows === undefined) {
    const labels = new Uint8Array(ratings.length);
    for (let r = 0; r < labels.length; r++) labels[r] = rating[r]! >= likeThreshold ? 1 : 0;
    return labels;
  }
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) labels[i] = rating[rows[i]!]! >= likeThreshold ? 1 : 0;
  return labels;
}
