import { type AlsModel, alsBlockScorer, DEFAULT_BLOCK_USERS } from '@reco/cf-svd';
import type { RecommenderParts } from './parts';

/**
 * Block scores of known users under a factor retriever (ALS), computed ahead of their `rank`
 * calls: one pass over the item factors scores a whole block, where one user at a time would
 * stream the item factors once per user. Holds one block; `fill(…, null)` drops it.
 */
export interface Prefetch {
  fill(strategy: string, users: readonly number[] | null): void;
  /** The prefetched scores of `user` under `strategy` (a view: valid until the next fill), or null. */
  row(strategy: string, user: number): Float32Array | null;
}

/** Users per prefetched block: the block scorer's own block. */
export const PREFETCH_USERS = DEFAULT_BLOCK_USERS;

export function createPrefetch(parts: Pick<RecommenderParts, 'retrievers'>): Prefetch {
  let block: { strategy: string; rows: Map<number, Float32Array> } | null = null;
  return {
    fill(strategy, users) {
      block = null;
      const model = parts.retrievers?.find((r): r is AlsModel => r.kind === 'als' && r.kind === strategy);
      if (users === null || users.length === 0 || model === undefined) return;
      const scorer = alsBlockScorer(model);
      const f = model.factors;
      const x = new Float32Array(users.length * f);
      for (let j = 0; j < users.length; j++) {
        const u = users[j]!;
        x.set(model.userFactors.subarray(u * f, (u + 1) * f), j * f);
      }
      // A copy: single-user scoring reuses the scorer's memory while the block is being served.
      const scores = scorer.score(x, users.length).slice();
      const rows = new Map<number, Float32Array>();
      for (let j = 0; j < users.length; j++) {
        rows.set(users[j]!, scores.subarray(j * scorer.nItems, (j + 1) * scorer.nItems));
      }
      block = { strategy, rows };
    },
    row(strategy, user) {
      if (block === null || block.strategy !== strategy || user < 0) return null;
      return block.rows.get(user) ?? null;
    },
  };
}
