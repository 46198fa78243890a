import { describe, expect, it } from 'vitest';
import { plantedRatings } from './internal/fixtures';
import { grid, tuneRetriever } from './tune';

const data = plantedRatings(80, 40, 4, 21);
const train = { ...data, rows: Uint32Array.from({ length: data.user.length }, (_, i) => i) };

describe('grid', () => {
  it('lists every combination, the last key fastest', () => {
    expect(grid({ a: [1, 2], b: ['x', 'y'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    expect(() => grid({ a: [] })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'space.a' }),
    );
  });
});

describe('tuneRetriever', () => {
  it('reports every candidate and picks the one with the highest inner NDCG', async () => {
    const result = await tuneRetriever(
      'rp3beta',
      { beta: [0, 0.5, 2], k: [5, 30] },
      { train, seed: 2, likeThreshold: 3.5 },
    );
    expect(result.candidates).toHaveLength(6);
    const max = Math.max(...result.candidates.map((c) => c.ndcg));
    expect(result.bestNdcg).toBe(max);
    expect(result.candidates.find((c) => c.ndcg === max)!.params).toEqual(result.best);
    expect(result.users).toBeGreaterThan(0);
  });

  it('on planted taste groups, a tuned item-kNN beats popularity on the inner holdout', async () => {
    const options = { train, seed: 2, likeThreshold: 3.5 };
    const knn = await tuneRetriever('item-knn', { k: [10, 40], shrink: [0, 10] }, options);
    const popularity = await tuneRetriever('popularity', {}, options);
    expect(knn.bestNdcg).toBeGreaterThan(popularity.bestNdcg);
  });
});
