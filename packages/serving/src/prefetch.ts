import {
  type AlsModel,
  alsBlockScorer,
  createPipelinedBlockScorer,
  DEFAULT_BLOCK_USERS,
  type PipelinedBlockScorer,
} from '@reco/cf-svd';
import type { RecommenderParts } from './parts';

/**
 * Block scores of known users under a factor retriever (ALS), computed ahead of their `rank`
 * calls: one pass over the item factors scores a whole block, where one user at a time would
 * stream the item factors once per user. Holds one block; `fill(…, null)` drops it.
 */
export interface Prefetch {
  /**
   * Scores `users` as the current block. With `next` (the block that will follow), that block is
   * scored on a worker thread meanwhile, so the caller's ranking and the scoring overlap.
   */
  fill(strategy: string, users: readonly number[] | null, next?: readonly number[] | null): void;
  /** The prefetched scores of `user` under `strategy` (a view: valid until the next fill), or null. */
  row(strategy: string, user: number): Float32Array | null;
}

/** Users per prefetched block: the block scorer's own block. */
export const PREFETCH_USERS = DEFAULT_BLOCK_USERS;

interface Pipeline {
  readonly model: AlsModel;
  readonly scorer: PipelinedBlockScorer;
  /** The users of the block in flight, or null. */
  inFlight: readonly number[] | null;
}

export function createPrefetch(parts: Pick<RecommenderParts, 'retrievers'>): Prefetch {
  let block: { strategy: string; rows: Map<number, Float32Array> } | null = null;
  let pipeline: Pipeline | null = null;
  const close = () => {
    pipeline?.scorer.close();
    pipeline = null;
  };
  return {
    fill(strategy, users, next) {
      block = null;
      const model = parts.retrievers?.find((r): r is AlsModel => r.kind === 'als' && r.kind === strategy);
      if (users === null || users.length === 0 || model === undefined) {
        if (users === null) close();
        return;
      }
      let scores: Float32Array;
      if (next === undefined) {
        // A copy: single-user scoring reuses the scorer's memory while the block is being served.
        scores = alsBlockScorer(model).score(userRows(model, users), users.length).slice();
      } else {
        if (pipeline?.model !== model) {
          close();
          pipeline = {
            model,
            scorer: createPipelinedBlockScorer(model.itemFactors, model.factors),
            inFlight: null,
          };
        }
        scores = pipelinedScores(pipeline, users, next);
      }
      const nItems = model.itemFactors.length / model.factors;
      const rows = new Map<number, Float32Array>();
      for (let j = 0; j < users.length; j++)
        rows.set(users[j]!, scores.subarray(j * nItems, (j + 1) * nItems));
      block = { strategy, rows };
    },
    row(strategy, user) {
      if (block === null || block.strategy !== strategy || user < 0) return null;
      return block.rows.get(user) ?? null;
    },
  };
}

/** This block's scores (already in flight when it was the last `next`), then `next` sent off. */
function pipelinedScores(
  pipeline: Pipeline,
  users: readonly number[],
  next: readonly number[] | null,
): Float32Array {
  const { scorer, model } = pipeline;
  if (!sameUsers(pipeline.inFlight, users)) {
    if (pipeline.inFlight !== null) scorer.take();
    scorer.request(userRows(model, users), users.length);
  }
  const scores = scorer.take();
  pipeline.inFlight = null;
  if (next !== null && next.length > 0) {
    scorer.request(userRows(model, next), next.length);
    pipeline.inFlight = next;
  }
  return scores;
}

function sameUsers(a: readonly number[] | null, b: readonly number[]): boolean {
  if (a === null || a.length !== b.length) return false;
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

/** The users' factor rows, one after another. */
function userRows(model: AlsModel, users: readonly number[]): Float32Array {
  const f = model.factors;
  const x = new Float32Array(users.length * f);
  for (let j = 0; j < users.length; j++) {
    const u = users[j]!;
    x.set(model.userFactors.subarray(u * f, (u + 1) * f), j * f);
  }
  return x;
}
