import { describe, expect, it } from 'vitest';
import { buildInteractions, itemDegrees } from './interactions';
import { plantedRatings } from './internal/fixtures';
import { fitRp3beta } from './rp3beta';

const data = plantedRatings(30, 18, 3, 8);
const matrix = buildInteractions(data);
const degrees = itemDegrees(matrix);

/** W[i, j] straight from the random-walk formula, over dense rows. */
function bruteWeight(i: number, j: number, alpha: number, beta: number): number {
  let sum = 0;
  for (let u = 0; u < matrix.nUsers; u++) {
    const items = Array.from(matrix.items.subarray(matrix.offsets[u]!, matrix.offsets[u + 1]!));
    if (items.includes(i) && items.includes(j))
      sum += (1 / degrees[i]!) ** alpha * (1 / items.length) ** alpha;
  }
  return sum / degrees[j]! ** beta;
}

describe('fitRp3beta', () => {
  it('keeps each item its k largest random-walk weights, divided by popularity^beta', () => {
    const alpha = 0.7;
    const beta = 0.4;
    const model = fitRp3beta(matrix, { alpha, beta, k: 3 });
    for (let i = 0; i < matrix.nItems; i++) {
      const expected = Array.from({ length: matrix.nItems }, (_, j) => ({
        j,
        w: j === i ? 0 : bruteWeight(i, j, alpha, beta),
      }))
        .filter((e) => e.w > 0)
        .sort((a, b) => b.w - a.w || a.j - b.j)
        .slice(0, 3);
      const start = model.offsets[i]!;
      expect(Array.from(model.neighbours.subarray(start, model.offsets[i + 1]!))).toEqual(
        expected.map((e) => e.j),
      );
      for (const [t, e] of expected.entries()) expect(model.weights[start + t]!).toBeCloseTo(e.w, 6);
    }
  });

  it('a larger beta pushes popular items down the neighbour lists', () => {
    const flat = fitRp3beta(matrix, { beta: 0, k: 5 });
    const penalised = fitRp3beta(matrix, { beta: 1, k: 5 });
    const meanDegree = (m: typeof flat): number => {
      let s = 0;
      for (let t = 0; t < m.neighbours.length; t++) s += degrees[m.neighbours[t]!]!;
      return s / m.neighbours.length;
    };
    expect(meanDegree(penalised)).toBeLessThan(meanDegree(flat));
  });
});
