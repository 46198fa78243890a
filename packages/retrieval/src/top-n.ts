import { type OnProgress, TopKHeap } from '@reco/core';
import { checkInteger } from './errors';
import type { InteractionMatrix } from './interactions';
import { type Retriever, scoreKnownUser } from './retriever';

export interface RecommendAllOptions {
  readonly model: Retriever;
  /** The training matrix the model scores users from. */
  readonly profile: InteractionMatrix;
  /** Items never recommended to a user: default `profile`; pass the all-ratings matrix to skip every rated item. */
  readonly exclude?: InteractionMatrix;
  /** List length. */
  readonly n: number;
  /** Users to recommend for, ascending; default every user. Others get an empty list. */
  readonly users?: Uint32Array;
  /** Users per progress event. Default 256. */
  readonly blockSize?: number;
  readonly onProgress?: OnProgress;
}

/** Top-n lists in CSR form (`items[offsets[u] .. offsets[u + 1] - 1]`, best first) with their scores. */
export interface TopNLists {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
  readonly scores: Float32Array;
}

/**
 * The top n unseen items of each user, user after user in blocks: one score buffer of nItems floats
 * and one bounded heap are reused, so memory is O(nItems + users x n), never users x items.
 * Ties go to the lower item index; NaN scores (items a model does not cover) are never ranked.
 */
export function recommendAll(options: RecommendAllOptions): TopNLists {
  const { model, profile, exclude = profile, n, users, blockSize = 256, onProgress } = options;
  checkInteger(n, 'n', 1);
  checkInteger(blockSize, 'blockSize', 1);
  const nUsers = profile.nUsers;
  const targets = users ?? Uint32Array.from({ length: nUsers }, (_, u) => u);
  const offsets = new Uint32Array(nUsers + 1);
  const items = new Uint32Array(targets.length * n);
  const scores = new Float32Array(targets.length * n);
  const buffer = new Float32Array(profile.nItems);
  const heap = new TopKHeap(n);
  let filled = 0;
  let next = 0;
  for (let u = 0; u < nUsers; u++) {
    if (next < targets.length && targets[next] === u) {
      next++;
      scoreKnownUser(model, profile, u, buffer);
      for (let j = exclude.offsets[u]!; j < exclude.offsets[u + 1]!; j++)
        buffer[exclude.items[j]!] = Number.NaN;
      for (let i = 0; i < buffer.length; i++) {
        const s = buffer[i]!;
        // s > threshold is false for NaN, so uncovered and excluded items never enter the heap.
        if (s > heap.threshold) heap.offer(i, s);
      }
      const best = heap.drain();
      items.set(best.items, filled);
      scores.set(best.scores, filled);
      filled += best.items.length;
      if (onProgress !== undefined && next % blockSize === 0) {
        onProgress({ stage: 'recommend', done: next, total: targets.length, unit: 'users' });
      }
    }
    offsets[u + 1] = filled;
  }
  onProgress?.({ stage: 'recommend', done: targets.length, total: targets.length, unit: 'users' });
  return { offsets, items: items.slice(0, filled), scores: scores.slice(0, filled) };
}
