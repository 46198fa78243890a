import { TopKHeap } from '@reco/core';
import type { RelevanceSets } from '@reco/eval';
import { XGBoostRanker } from '@reco/models';
import { type InteractionMatrix, type Retriever, scoreKnownUser } from '@reco/retrieval';

/** Candidates each source retriever contributes, and popular ones added on top. */
export const RERANK_DEPTH = 50;
export const RERANK_POPULAR = 20;

/** The state candidates and features are built from: models fitted on the rows `profile` holds. */
export interface RerankSources {
  readonly models: readonly Retriever[];
  readonly profile: InteractionMatrix;
  /** Every training rating (never a candidate). */
  readonly exclude: InteractionMatrix;
  /** Training interactions per item. */
  readonly popularity: Float64Array;
  /** Per item, days between its latest training rating and the latest training rating overall. */
  readonly staleDays: Float32Array;
}

/** Candidate rows grouped by user: features row-major, the item of each row, group sizes. */
export interface CandidateRows {
  readonly X: Float32Array;
  readonly nCols: number;
  readonly items: Uint32Array;
  readonly users: Uint32Array;
  readonly groupSizes: Uint32Array;
}

/** Column names: per source model its score and rank, then item popularity, staleness, user activity. */
export function rerankFeatureNames(models: readonly Retriever[]): string[] {
  return [
    ...models.flatMap((m, i) => [`${m.kind}#${i}:score`, `${m.kind}#${i}:rank`]),
    'log_popularity',
    'popularity_rank',
    'stale_days',
    'log_user_items',
  ];
}

/** Days since each item's latest rating among `rows`, relative to the latest of them (NaN: never rated). */
export function itemStaleDays(
  item: Uint32Array,
  timestamp: ArrayLike<number>,
  rows: Uint32Array,
  nItems: number,
): Float32Array {
  const last = new Float64Array(nItems).fill(Number.NEGATIVE_INFINITY);
  let end = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t]!;
    const ts = timestamp[r]!;
    if (ts > last[item[r]!]!) last[item[r]!] = ts;
    if (ts > end) end = ts;
  }
  return Float32Array.from(last, (ts) => (ts === Number.NEGATIVE_INFINITY ? Number.NaN : (end - ts) / 86400));
}

/**
 * Each user's candidates (the union of every source model's top RERANK_DEPTH unseen items and the
 * RERANK_POPULAR most popular unseen ones) with their features. One score buffer per model and one
 * bounded heap are reused, so memory is the output plus O(models x nItems).
 */
export function candidateRows(sources: RerankSources, users: Uint32Array): CandidateRows {
  const { models, profile, exclude, popularity } = sources;
  const nItems = profile.nItems;
  const nCols = 2 * models.length + 4;
  const popularOrder = Uint32Array.from({ length: nItems }, (_, i) => i).sort(
    (a, b) => popularity[b]! - popularity[a]! || a - b,
  );
  const popularRank = new Float32Array(nItems);
  popularOrder.forEach((item, r) => {
    popularRank[item] = r + 1;
  });
  const buffers = models.map(() => new Float32Array(nItems));
  const ranks = models.map(() => new Uint16Array(nItems));
  const heap = new TopKHeap(RERANK_DEPTH);
  const mark = new Uint8Array(nItems);
  const rows: number[] = [];
  const X: number[] = [];
  const groupSizes = new Uint32Array(users.length);
  users.forEach((u, g) => {
    const seen = exclude.items.subarray(exclude.offsets[u]!, exclude.offsets[u + 1]!);
    const group: number[] = [];
    models.forEach((model, m) => {
      const buffer = buffers[m]!;
      scoreKnownUser(model, profile, u, buffer);
      for (const i of seen) buffer[i] = Number.NaN;
      for (let i = 0; i < nItems; i++) if (buffer[i]! > heap.threshold) heap.offer(i, buffer[i]!);
      heap.drain().items.forEach((item, r) => {
        ranks[m]![item] = r + 1;
        if (mark[item] === 0) {
          mark[item] = 1;
          group.push(item);
        }
      });
    });
    for (const i of seen) mark[i] = 2;
    for (let p = 0, added = 0; p < nItems && added < RERANK_POPULAR; p++) {
      const item = popularOrder[p]!;
      if (mark[item] === 2) continue;
      added++;
      if (mark[item] === 0) {
        mark[item] = 1;
        group.push(item);
      }
    }
    const activity = Math.log1p(profile.offsets[u + 1]! - profile.offsets[u]!);
    for (const item of group) {
      models.forEach((_, m) => {
        X.push(buffers[m]![item]!, ranks[m]![item] === 0 ? RERANK_DEPTH + 1 : ranks[m]![item]!);
      });
      X.push(Math.log1p(popularity[item]!), popularRank[item]!, sources.staleDays[item]!, activity);
      rows.push(item);
    }
    for (const item of group) {
      mark[item] = 0;
      for (const r of ranks) r[item] = 0;
    }
    for (const i of seen) mark[i] = 0;
    groupSizes[g] = group.length;
  });
  return { X: Float32Array.from(X), nCols, items: Uint32Array.from(rows), users, groupSizes };
}

/** 1 where a candidate is in its user's relevant held-out set (relevance indexed by user). */
export function candidateLabels(rows: CandidateRows, relevance: RelevanceSets): Float32Array {
  const labels = new Float32Array(rows.items.length);
  let at = 0;
  rows.users.forEach((u, g) => {
    const set = relevance.items.subarray(relevance.offsets[u]!, relevance.offsets[u + 1]!);
    for (let j = 0; j < rows.groupSizes[g]!; j++, at++) labels[at] = set.includes(rows.items[at]!) ? 1 : 0;
  });
  return labels;
}

/** Trains the LambdaMART re-ranker (`rank:ndcg`, grouped by user) on candidate rows and labels. */
export function fitReranker(rows: CandidateRows, labels: Float32Array, seed: number): XGBoostRanker {
  return XGBoostRanker.fit(rows.X, rows.items.length, rows.nCols, rows.groupSizes, labels, {
    objective: 'rank:ndcg',
    nRounds: 100,
    eta: 0.1,
    maxDepth: 6,
    nthread: 2,
    seed,
  });
}

/** The top n of each group by the ranker's score, as CSR lists over `nUsers` user indices. */
export function rerankedLists(
  ranker: XGBoostRanker,
  rows: CandidateRows,
  nUsers: number,
  n: number,
): { offsets: Uint32Array; items: Uint32Array } {
  const scores = rows.items.length === 0 ? new Float32Array(0) : ranker.predict(rows.X, rows.items.length);
  const offsets = new Uint32Array(nUsers + 1);
  const perUser = new Map<number, Uint32Array>();
  const heap = new TopKHeap(n);
  let at = 0;
  rows.users.forEach((u, g) => {
    for (let j = 0; j < rows.groupSizes[g]!; j++, at++) heap.offer(rows.items[at]!, scores[at]!);
    perUser.set(u, heap.drain().items);
  });
  const items: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    for (const item of perUser.get(u) ?? []) items.push(item);
    offsets[u + 1] = items.length;
  }
  return { offsets, items: Uint32Array.from(items) };
}
