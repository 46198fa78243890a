import { describe, expect, it } from 'vitest';
import { isRecoError } from './errors';
import { createRng } from './rng';
import { TopKHeap, topK, topKOfCandidates } from './top-k';

/** Oracle: sort every eligible (item, score) by score descending, then index ascending. */
function sortedTopK(scores: Float32Array, k: number, skip: Set<number>): number[] {
  return Array.from(scores.keys())
    .filter((i) => !skip.has(i) && !Number.isNaN(scores[i]!))
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, k);
}

describe('topK', () => {
  it('matches a full sort on random scores with ties, NaN and exclusions', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + rng.nextInt(300);
      // Few distinct values, so ties are common.
      const scores = Float32Array.from({ length: n }, () =>
        rng.nextFloat() < 0.05 ? Number.NaN : rng.nextInt(20),
      );
      const exclude = Array.from({ length: rng.nextInt(20) }, () => rng.nextInt(n));
      const k = rng.nextInt(n + 5);
      const got = topK(scores, { k, exclude });
      const want = sortedTopK(scores, k, new Set(exclude));
      expect(Array.from(got.items)).toEqual(want);
      expect(Array.from(got.scores)).toEqual(want.map((i) => scores[i]!));
      // The dense path (no exclusions): an eligibility mask instead.
      const eligible = Uint8Array.from({ length: n }, () => (rng.nextFloat() < 0.8 ? 1 : 0));
      const ineligible = new Set(Array.from(eligible.keys()).filter((i) => eligible[i] === 0));
      expect(Array.from(topK(scores, { k, eligible }).items)).toEqual(sortedTopK(scores, k, ineligible));
    }
  });

  it('considers only the given candidates, or only the eligible items', () => {
    const scores = Float32Array.of(5, 4, 3, 2, 1);
    expect(Array.from(topK(scores, { k: 2, candidates: [4, 2, 3] }).items)).toEqual([2, 3]);
    expect(Array.from(topK(scores, { k: 2, eligible: Uint8Array.of(0, 1, 0, 1, 1) }).items)).toEqual([1, 3]);
  });

  it('refuses a k that is not a non-negative integer, with a stable code', () => {
    expect.assertions(2);
    try {
      topK(new Float32Array(3), { k: -1 });
    } catch (error) {
      expect(isRecoError(error, 'invalid-option')).toBe(true);
      expect((error as Error).message).toMatch(/k must be/);
    }
  });
});

describe('topKOfCandidates', () => {
  it('reads scores aligned with the candidate list', () => {
    const got = topKOfCandidates(Uint32Array.of(10, 20, 30), Float32Array.of(0.2, 0.9, 0.5), 2);
    expect(Array.from(got.items)).toEqual([20, 30]);
  });
});

describe('TopKHeap', () => {
  it('reports its threshold once full and can be reused after drain', () => {
    const heap = new TopKHeap(2);
    heap.offer(0, 1);
    expect(heap.threshold).toBe(Number.NEGATIVE_INFINITY);
    heap.offer(1, 3);
    heap.offer(2, 2);
    expect(heap.threshold).toBe(2);
    expect(Array.from(heap.drain().items)).toEqual([1, 2]);
    expect(heap.size).toBe(0);
    heap.offer(7, 1);
    expect(Array.from(heap.drain().items)).toEqual([7]);
  });
});
