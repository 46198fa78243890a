import { describe, expect, it } from 'vitest';
import { buildInteractions } from './interactions';
import { plantedRatings } from './internal/fixtures';
import { scoreWithWeights } from './item-weights';
import { fitItemKnn } from './knn';

const data = plantedRatings(40, 24, 3, 5);
const matrix = buildInteractions({ ...data, likeThreshold: 3.5 });

/** Dense binary columns and the shrunk cosine, straight from the formula. */
function bruteSimilarity(i: number, j: number, shrink: number): number {
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let u = 0; u < matrix.nUsers; u++) {
    const items = Array.from(matrix.items.subarray(matrix.offsets[u]!, matrix.offsets[u + 1]!));
    const a = items.includes(i) ? 1 : 0;
    const b = items.includes(j) ? 1 : 0;
    dot += a * b;
    ni += a;
    nj += b;
  }
  return dot / (Math.sqrt(ni) * Math.sqrt(nj) + shrink);
}

describe('fitItemKnn', () => {
  it('keeps, for each item, its k largest shrunk cosines to other items', () => {
    const model = fitItemKnn(matrix, { k: 4, shrink: 3 });
    for (let i = 0; i < matrix.nItems; i++) {
      const expected = Array.from({ length: matrix.nItems }, (_, j) => ({
        j,
        s: j === i ? 0 : bruteSimilarity(i, j, 3),
      }))
        .filter((e) => e.s > 0)
        .sort((a, b) => b.s - a.s || a.j - b.j)
        .slice(0, 4);
      const start = model.offsets[i]!;
      const end = model.offsets[i + 1]!;
      expect(Array.from(model.neighbours.subarray(start, end))).toEqual(expected.map((e) => e.j));
      for (const [t, e] of expected.entries()) expect(model.weights[start + t]!).toBeCloseTo(e.s, 5);
    }
  });

  it('scores a user as the sum of the neighbour rows of their items', () => {
    const model = fitItemKnn(matrix, { k: 5, shrink: 0 });
    const out = new Float32Array(matrix.nItems);
    scoreWithWeights(model, [0, 3], out);
    for (let j = 0; j < matrix.nItems; j++) {
      let expected = 0;
      for (const i of [0, 3]) {
        for (let t = model.offsets[i]!; t < model.offsets[i + 1]!; t++)
          if (model.neighbours[t] === j) expected += model.weights[t]!;
      }
      expect(out[j]).toBeCloseTo(expected, 6);
    }
  });

  it('rejects a bad k or shrink by option name', () => {
    expect(() => fitItemKnn(matrix, { k: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'k' }),
    );
    expect(() => fitItemKnn(matrix, { shrink: -1 })).toThrow(expect.objectContaining({ field: 'shrink' }));
  });
});
