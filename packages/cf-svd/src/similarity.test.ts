import { describe, expect, it } from 'vitest';
import { NO_ITEM, topKSimilar, topKSimilarBatch } from './similarity';
import { lcg } from './test-fixtures';
import { thrownBy } from './test-utils';

const nItems = 120;
const f = 5;
const next = lcg(21);
const factors = Float32Array.from({ length: nItems * f }, () => next() * 2 - 1);
// Item 7 has never been seen (zero vector); item 8 points exactly along item 3.
factors.fill(0, 7 * f, 8 * f);
for (let k = 0; k < f; k++) factors[8 * f + k] = 2.5 * factors[3 * f + k]!;

/** Reference: cosine of every pair by the textbook formula, then a full sort. */
function bruteForce(item: number, k: number, exclude: number[] = []): { items: number[]; scores: number[] } {
  const vec = (i: number) => Array.from(factors.subarray(i * f, (i + 1) * f));
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const q = vec(item);
  const ranked = Array.from({ length: nItems }, (_, j) => j)
    .filter((j) => j !== item && norm(vec(j)) > 0 && !exclude.includes(j))
    .map((j) => ({ j, s: vec(j).reduce((s, x, t) => s + x * q[t]!, 0) / (norm(vec(j)) * norm(q)) }))
    .sort((a, b) => b.s - a.s || a.j - b.j)
    .slice(0, k);
  return { items: ranked.map((r) => r.j), scores: ranked.map((r) => r.s) };
}

describe('topKSimilar', () => {
  it('returns the k nearest items by cosine, best first, as a full sort would', () => {
    for (const item of [0, 3, 50, 119]) {
      const top = topKSimilar(factors, nItems, 10, item);
      const expected = bruteForce(item, 10);
      expect(Array.from(top.items)).toEqual(expected.items);
      top.scores.forEach((s, j) => {
        expect(s).toBeCloseTo(expected.scores[j]!, 5);
      });
    }
    // A parallel vector has cosine 1 and comes first.
    const top = topKSimilar(factors, nItems, 1, 3);
    expect(top.items[0]).toBe(8);
    expect(top.scores[0]).toBeCloseTo(1, 5);
  });

  it('honours exclusions, never returns unseen items, and has no neighbours for them', () => {
    const top = topKSimilar(factors, nItems, 200, 3, { exclude: [8, 11] });
    expect(Array.from(top.items)).toEqual(bruteForce(3, 200, [8, 11]).items);
    expect(top.items.length).toBe(nItems - 4); // minus itself, the zero vector and two exclusions
    expect(topKSimilar(factors, nItems, 5, 7).items.length).toBe(0);
    expect(thrownBy(() => topKSimilar(factors, nItems, 5, nItems))).toMatchObject({
      name: 'CfError',
      code: 'invalid-input',
      field: 'item',
    });
  });
});

describe('topKSimilarBatch', () => {
  it('equals one topKSimilar call per query, padding short rows', () => {
    const batch = topKSimilarBatch(factors, nItems, 4, { items: [0, 7, 3] });
    expect(Array.from(batch.queries)).toEqual([0, 7, 3]);
    expect(Array.from(batch.items.subarray(0, 4))).toEqual(
      Array.from(topKSimilar(factors, nItems, 4, 0).items),
    );
    expect(Array.from(batch.items.subarray(4, 8))).toEqual([NO_ITEM, NO_ITEM, NO_ITEM, NO_ITEM]);
    expect(Number.isNaN(batch.scores[4]!)).toBe(true);
    expect(Array.from(batch.items.subarray(8, 12))).toEqual(bruteForce(3, 4).items);
    expect(topKSimilarBatch(factors, nItems, 2).queries.length).toBe(nItems);
  });
});
