import { createRng } from '@reco/core';
import type { RatingColumns } from '../interactions';

/**
 * Ratings with planted taste groups, for tests: users and items fall in `groups` groups; a user
 * rates each item of their own group with probability 0.6 (rating 4-5) and others with 0.05
 * (rating 1-3), except that popular items (the lowest indices of each group) are rated more often.
 */
export function plantedRatings(
  nUsers: number,
  nItems: number,
  groups: number,
  seed: number,
): RatingColumns & { timestamp: Uint32Array } {
  const rng = createRng(seed);
  const user: number[] = [];
  const item: number[] = [];
  const rating: number[] = [];
  const timestamp: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      const same = u % groups === i % groups;
      const boost = 1 - Math.floor(i / groups) / (nItems / groups);
      if (rng.nextFloat() < (same ? 0.35 + 0.4 * boost : 0.05)) {
        user.push(u);
        item.push(i);
        rating.push(same ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3));
        timestamp.push(rng.nextInt(1_000_000));
      }
    }
  }
  return {
    user: Uint32Array.from(user),
    item: Uint32Array.from(item),
    rating: Float32Array.from(rating),
    timestamp: Uint32Array.from(timestamp),
    nUsers,
    nItems,
  };
}
