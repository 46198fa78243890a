import { describe, expect, it } from 'vitest';
import { Rng } from './rng';
import { selectSmallest } from './select';

describe('selectSmallest', () => {
  it('moves the k smallest keys, with their items, to the front', () => {
    const rng = new Rng(5);
    for (const [n, k] of [
      [1, 1],
      [10, 0],
      [10, 3],
      [1000, 1],
      [1000, 500],
      [1000, 999],
      [1000, 1000],
    ] as const) {
      const keys = Float64Array.from({ length: n }, () => rng.float());
      // Ties too: a tenth of the keys repeat another key.
      for (let i = 0; i < n / 10; i++) keys[rng.int(n)] = keys[rng.int(n)]!;
      const items = Uint32Array.from({ length: n }, (_, i) => i);
      const original = Float64Array.from(keys);
      selectSmallest(keys, items, n, k);
      const expected = Float64Array.from(original).sort().subarray(0, k);
      expect(Float64Array.from(keys.subarray(0, k)).sort()).toEqual(expected);
      // Items still travel with their keys.
      for (let i = 0; i < n; i++) expect(original[items[i]!]).toBe(keys[i]);
    }
  });
});
