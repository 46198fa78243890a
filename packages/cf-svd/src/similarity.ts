import { type TopK, TopKHeap } from '@reco/core';
import { CfError } from './errors';
import { dot } from './vector';

export interface SimilarOptions {
  /** Items never returned (the query item itself is always left out). */
  readonly exclude?: ArrayLike<number>;
}

/**
 * The k items whose factor vectors have the highest cosine similarity to `item`'s, best first.
 * Items with an all-zero vector (never seen in training) have no direction: they are never
 * returned, and querying one returns an empty list. O(nItems x factors) plus a size-k heap.
 */
export function topKSimilar(
  itemFactors: Float32Array,
  nItems: number,
  k: number,
  item: number,
  options: SimilarOptions = {},
): TopK {
  const f = factorCount('topKSimilar', itemFactors, nItems, k);
  if (!Number.isInteger(item) || item < 0 || item >= nItems) {
    throw new CfError('invalid-input', `topKSimilar: item ${item} is outside 0..${nItems - 1}`, {
      field: 'item',
    });
  }
  const inverseNorms = inverseNormsOf(itemFactors, nItems, f);
  const skip = skipMask(nItems, options.exclude);
  return neighbours(itemFactors, inverseNorms, nItems, f, k, item, skip);
}

/** Neighbour lists of many items: row q holds the neighbours of `queries[q]`. */
export interface SimilarBatch {
  readonly queries: Uint32Array;
  /** Neighbours per query (the requested k). */
  readonly k: number;
  /** queries.length x k, row-major; short rows are padded with `NO_ITEM`. */
  readonly items: Uint32Array;
  /** Matching similarities; padding is NaN. */
  readonly scores: Float32Array;
}

/** Padding in `SimilarBatch.items` where a query has fewer than k neighbours. */
export const NO_ITEM = 0xffffffff;

export interface SimilarBatchOptions extends SimilarOptions {
  /** Query items; default every item. The work is O(queries x nItems x factors). */
  readonly items?: ArrayLike<number>;
}

/** `topKSimilar` for many query items at once, sharing the norms and the exclusion mask. */
export function topKSimilarBatch(
  itemFactors: Float32Array,
  nItems: number,
  k: number,
  options: SimilarBatchOptions = {},
): SimilarBatch {
  const f = factorCount('topKSimilarBatch', itemFactors, nItems, k);
  const queries =
    options.items === undefined
      ? Uint32Array.from({ length: nItems }, (_, i) => i)
      : Uint32Array.from(options.items);
  for (const query of queries) {
    if (query >= nItems)
      throw new CfError('invalid-input', `topKSimilarBatch: item ${query} is outside 0..${nItems - 1}`, {
        field: 'items',
      });
  }
  const inverseNorms = inverseNormsOf(itemFactors, nItems, f);
  const skip = skipMask(nItems, options.exclude);
  const items = new Uint32Array(queries.length * k).fill(NO_ITEM);
  const scores = new Float32Array(queries.length * k).fill(Number.NaN);
  for (let q = 0; q < queries.length; q++) {
    const top = neighbours(itemFactors, inverseNorms, nItems, f, k, queries[q]!, skip);
    items.set(top.items, q * k);
    scores.set(top.scores, q * k);
  }
  return { queries, k, items, scores };
}

function neighbours(
  itemFactors: Float32Array,
  inverseNorms: Float32Array,
  nItems: number,
  f: number,
  k: number,
  item: number,
  skip: Uint8Array | undefined,
): TopK {
  const queryInverseNorm = inverseNorms[item]!;
  const heap = new TopKHeap(Math.min(k, nItems - 1));
  if (queryInverseNorm === 0) return heap.drain();
  const qo = item * f;
  for (let j = 0; j < nItems; j++) {
    const inverseNorm = inverseNorms[j]!;
    if (j === item || inverseNorm === 0 || (skip !== undefined && skip[j] === 1)) continue;
    heap.offer(j, dot(itemFactors, j * f, itemFactors, qo, f) * inverseNorm * queryInverseNorm);
  }
  return heap.drain();
}

/**
 * 1/|q_i| per item (0 for a zero vector), cached per factor array: a server answers many queries
 * against the same, never-mutated factors.
 */
function inverseNormsOf(itemFactors: Float32Array, nItems: number, f: number): Float32Array {
  const cached = normCache.get(itemFactors);
  if (cached !== undefined && cached.length === nItems) return cached;
  const inverseNorms = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    const norm = Math.sqrt(dot(itemFactors, i * f, itemFactors, i * f, f));
    inverseNorms[i] = norm > 0 ? 1 / norm : 0;
  }
  normCache.set(itemFactors, inverseNorms);
  return inverseNorms;
}

const normCache = new WeakMap<Float32Array, Float32Array>();

function skipMask(nItems: number, exclude: ArrayLike<number> | undefined): Uint8Array | undefined {
  if (exclude === undefined || exclude.length === 0) return undefined;
  const skip = new Uint8Array(nItems);
  for (let t = 0; t < exclude.length; t++) {
    const item = exclude[t]!;
    if (item >= 0 && item < nItems) skip[item] = 1;
  }
  return skip;
}

function factorCount(where: string, itemFactors: Float32Array, nItems: number, k: number): number {
  if (!Number.isInteger(nItems) || nItems < 1 || itemFactors.length % nItems !== 0) {
    throw new CfError(
      'invalid-input',
      `${where}: itemFactors length ${itemFactors.length} is not a multiple of nItems ${nItems}`,
      { field: 'itemFactors' },
    );
  }
  if (!Number.isInteger(k) || k < 0)
    throw new CfError('invalid-option', `${where}: k must be a non-negative integer (got ${k})`, {
      field: 'k',
    });
  return itemFactors.length / nItems;
}
