import { sampleSorted } from '@reco/core';
import type { RatingsStore } from '@reco/data';
import { relevanceFromRatings } from '@reco/eval';
import { ServingError } from '../errors';
import type { ResolvedRecommendOptions } from '../options';
import type { RecommenderParts } from '../parts';
import type { ScoringStrategy } from '../types';

/** The users a ranking evaluation scores, and their held-out likes (CSR, re-indexed to `users`). */
export interface RankingUsers {
  /** Dense user indices, sorted. */
  readonly users: Uint32Array;
  /** Users with training ratings and a liked held-out movie, before sampling. */
  readonly eligibleUsers: number;
  /** Liked held-out rows over all users (the relevant items). */
  readonly relevantRows: number;
  /** Per evaluated user i, the liked held-out movies `items[offsets[i] .. offsets[i+1]-1]`. */
  readonly relevant: { readonly offsets: Uint32Array; readonly items: Uint32Array };
}

/**
 * Users with both training ratings and a liked held-out movie: all of them, or a seeded sample of
 * `maxUsers`. `where` names the caller in errors.
 */
export function rankingUsers(
  where: string,
  parts: RecommenderParts,
  ratings: RatingsStore,
  holdoutRows: Uint32Array,
  options: { readonly maxUsers: number; readonly seed: number },
): RankingUsers {
  const nUsers = parts.users.size;
  if (ratings.userOffsets.length !== nUsers + 1) {
    throw new ServingError(
      'invalid-input',
      `${where}: the store has ${ratings.userOffsets.length - 1} users, the parts ${nUsers}`,
    );
  }
  const relevance = relevanceFromRatings({
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    users: nUsers,
    rows: holdoutRows,
    likeThreshold: parts.likeThreshold,
  });
  const trainOffsets = parts.ratings.userOffsets;
  const candidates: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    if (relevance.offsets[u + 1]! > relevance.offsets[u]! && trainOffsets[u + 1]! > trainOffsets[u]!)
      candidates.push(u);
  }
  if (candidates.length === 0) {
    throw new ServingError(
      'invalid-input',
      `${where}: no user has both training ratings and a liked held-out movie`,
    );
  }
  const users = sampleUsers(candidates, options.maxUsers, options.seed);

  // Relevance re-indexed to the evaluated users, so unevaluated users neither count nor skip.
  const offsets = new Uint32Array(users.length + 1);
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    offsets[i + 1] = offsets[i]! + relevance.offsets[u + 1]! - relevance.offsets[u]!;
  }
  const items = new Uint32Array(offsets[users.length]!);
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    items.set(relevance.items.subarray(relevance.offsets[u]!, relevance.offsets[u + 1]!), offsets[i]!);
  }
  return {
    users,
    eligibleUsers: candidates.length,
    relevantRows: relevance.items.length,
    relevant: { offsets, items },
  };
}

/** The serving request every evaluated list uses: top k, no filters, rated movies excluded. */
export function listRequest(
  k: number,
  strategy: ScoringStrategy,
  exhaustive: boolean,
): ResolvedRecommendOptions {
  return { n: k, genreMask: 0, minYear: null, maxYear: null, excludeRated: true, strategy, exhaustive };
}

/** Fixed-stride lists (k slots per user, `lengths` used) into the CSR form `@reco/eval` reads. */
export function packLists(slots: Uint32Array, lengths: Uint32Array, k: number) {
  const offsets = new Uint32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
  const items = new Uint32Array(offsets[lengths.length]!);
  for (let i = 0; i < lengths.length; i++) items.set(slots.subarray(i * k, i * k + lengths[i]!), offsets[i]!);
  return { offsets, items };
}

/** All users when they fit, else a seeded sample of `maxUsers`, sorted. */
function sampleUsers(users: number[], maxUsers: number, seed: number): Uint32Array {
  const all = Uint32Array.from(users);
  return users.length <= maxUsers ? all : sampleSorted(all, maxUsers, seed);
}
