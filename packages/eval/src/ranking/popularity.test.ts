import { describe, expect, it } from 'vitest';
import { rankedLists } from './csr';
import { itemPopularity, meanPopularity } from './popularity';

describe('itemPopularity', () => {
  it('counts the selected rows per item', () => {
    const item = Uint32Array.of(2, 0, 2, 1, 2);
    expect(Array.from(itemPopularity({ item, nItems: 4 }))).toEqual([1, 1, 3, 0]);
    expect(Array.from(itemPopularity({ item, nItems: 4, rows: Uint32Array.of(0, 3) }))).toEqual([0, 1, 1, 0]);
  });

  it('rejects items outside the catalogue and rows outside the table', () => {
    expect(() => itemPopularity({ item: Uint32Array.of(5), nItems: 3 })).toThrow(
      expect.objectContaining({ code: 'invalid-structure', field: 'item' }),
    );
    expect(() => itemPopularity({ item: Uint32Array.of(0), nItems: 3, rows: Uint32Array.of(1) })).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
    expect(() => itemPopularity({ item: Uint32Array.of(0), nItems: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'nItems' }),
    );
  });
});

describe('meanPopularity', () => {
  const popularity = Float64Array.of(10, 4, 1, 0);

  it('averages popularity over every shown item, counting only the first k of each list', () => {
    // k = 2: user 0 shows 0, 1; user 1 shows 2; user 2 shows 3, 0. (10 + 4 + 1 + 0 + 10) / 5.
    const lists = [[0, 1, 2], [2], [3, 0, 1]];
    expect(meanPopularity(lists, { k: 2, popularity })).toBeCloseTo((10 + 4 + 1 + 0 + 10) / 5, 12);
    expect(meanPopularity(rankedLists(lists), { k: 3, popularity })).toBeCloseTo(
      (10 + 4 + 1 + 1 + 0 + 10 + 4) / 7,
      12,
    );
  });

  it('is highest for the most-popular list', () => {
    const popular = meanPopularity([[0, 1]], { k: 2, popularity });
    const tail = meanPopularity([[2, 3]], { k: 2, popularity });
    expect(popular).toBeGreaterThan(tail);
  });

  it('rejects empty lists, unknown items and a bad k', () => {
    expect(() => meanPopularity([[], []], { popularity })).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
    expect(() => meanPopularity([[7]], { popularity })).toThrow(
      expect.objectContaining({ code: 'invalid-structure', field: 'popularity' }),
    );
    expect(() => meanPopularity([[0]], { k: 0, popularity })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
  });
});
