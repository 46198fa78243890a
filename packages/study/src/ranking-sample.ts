import { createRng } from '@reco/core';

/**
 * Ratings the ranking comparison works on, at most, by default: every strategy is tuned and
 * compared on a seeded sample of whole users holding about this many ratings, so the stage costs
 * the same at 1M and at 100M ratings. The served model is then refitted on every training row.
 */
export const RANKING_MAX_RATINGS = 1_000_000;

/**
 * A seeded sample of whole users (all of each one's rows) with at least `maxRatings` rows in
 * total, as ascending row indices; null when the whole dataset is within the cap. Users are taken
 * in a seeded random order, so the sample has the dataset's mix of light and heavy users.
 */
export function rankingUserSample(
  userOffsets: Uint32Array,
  maxRatings: number,
  seed: number,
): Uint32Array | null {
  const nUsers = userOffsets.length - 1;
  const total = userOffsets[nUsers]!;
  if (total <= maxRatings) return null;
  const order = createRng(seed).shuffle(Uint32Array.from({ length: nUsers }, (_, u) => u));
  const keep = new Uint8Array(nUsers);
  let rows = 0;
  for (let j = 0; j < nUsers && rows < maxRatings; j++) {
    const u = order[j]!;
    keep[u] = 1;
    rows += userOffsets[u + 1]! - userOffsets[u]!;
  }
  const out = new Uint32Array(rows);
  let at = 0;
  for (let u = 0; u < nUsers; u++) {
    if (keep[u] === 0) continue;
    for (let r = userOffsets[u]!; r < userOffsets[u + 1]!; r++) out[at++] = r;
  }
  return out;
}
