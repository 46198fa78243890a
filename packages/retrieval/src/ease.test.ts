import { describe, expect, it } from 'vitest';
import { fitEase, scoreEase } from './ease';
import { buildInteractions, itemDegrees } from './interactions';
import { plantedRatings } from './internal/fixtures';
import { scoreNewUser } from './retriever';

const data = plantedRatings(50, 20, 4, 3);
const matrix = buildInteractions({ ...data, likeThreshold: 3.5 });

/** Dense XᵀX + λI over all items. */
function gramPlusLambda(lambda: number, n: number): number[][] {
  const g = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? lambda : 0)));
  for (let u = 0; u < matrix.nUsers; u++) {
    const items = Array.from(matrix.items.subarray(matrix.offsets[u]!, matrix.offsets[u + 1]!));
    for (const a of items) for (const b of items) g[a]![b]! += 1;
  }
  return g;
}

describe('fitEase', () => {
  it('satisfies the closed form: (G + λI) B = G + λI - λ·diag-scaled identity, diag(B) = 0', () => {
    // From B = I - P diag(1/diag P): (G + λI) B = (G + λI) - diag(1/diag P). Off the diagonal,
    // ((G + λI) B)_ij must equal (G + λI)_ij; B_jj = 0.
    const lambda = 5;
    const model = fitEase(matrix, { lambda });
    const n = matrix.nItems;
    expect(model.kept.length).toBe(n);
    const g = gramPlusLambda(lambda, n);
    for (let i = 0; i < n; i++) {
      expect(model.weights[i * n + i]).toBe(0);
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        let product = 0;
        for (let t = 0; t < n; t++) product += g[i]![t]! * model.weights[t * n + j]!;
        expect(product).toBeCloseTo(g[i]![j]!, 3);
      }
    }
  });

  it('scores a user as the sum of B rows of their items, and fold-in gives the same scores', () => {
    const model = fitEase(matrix, { lambda: 10 });
    const n = matrix.nItems;
    const known = new Float32Array(n);
    scoreEase(model, [1, 5, 9], known);
    for (let j = 0; j < n; j++) {
      const expected = model.weights[1 * n + j]! + model.weights[5 * n + j]! + model.weights[9 * n + j]!;
      expect(known[j]).toBeCloseTo(expected, 5);
    }
    const folded = new Float32Array(n);
    // Ratings below 3.5 are dropped by the training rule, so item 2 does not count.
    scoreNewUser(model, [9, 1, 2, 5], [4, 5, 2, 4.5], folded);
    expect(Array.from(folded)).toEqual(Array.from(known));
  });

  it('keeps the most-rated maxItems items, says so, and scores the rest NaN', () => {
    const degrees = itemDegrees(matrix);
    const model = fitEase(matrix, { maxItems: 6 });
    expect(model.kept.length).toBe(6);
    const minKept = Math.min(...Array.from(model.kept, (i) => degrees[i]!));
    for (let i = 0; i < matrix.nItems; i++)
      if (!model.kept.includes(i)) expect(degrees[i]!).toBeLessThanOrEqual(minKept);
    expect(model.note).toMatch(/maxItems/);
    const out = new Float32Array(matrix.nItems);
    scoreEase(model, [model.kept[0]!], out);
    const dropped = Array.from({ length: matrix.nItems }, (_, i) => i).find((i) => !model.kept.includes(i))!;
    expect(out[dropped]).toBeNaN();
  });

  it('above the cap with overCap error, throws item-cap-exceeded naming maxItems', () => {
    expect(() => fitEase(matrix, { maxItems: 6, overCap: 'error' })).toThrow(
      expect.objectContaining({ code: 'item-cap-exceeded', field: 'maxItems' }),
    );
    expect(() => fitEase(matrix, { lambda: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'lambda' }),
    );
  });
});
