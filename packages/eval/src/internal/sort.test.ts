import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { sortedCopy, sortFloat32, sortIndicesByKey } from './sort';

/** Reference order: a plain array sorted with a comparator (-0 and +0 compare equal here). */
function referenceSort(values: Float32Array): number[] {
  return Array.from(values).sort((a, b) => a - b);
}

describe('sortFloat32', () => {
  it('sorts a small array (built-in path)', () => {
    const values = Float32Array.of(3, -1, 2.5, 0, -7);
    sortFloat32(values);
    expect(Array.from(values)).toEqual([-7, -1, 0, 2.5, 3]);
  });

  it('matches a comparator sort on large random input with negatives, infinities and ties (radix path)', () => {
    const random = createRawRng(7);
    const values = new Float32Array(50_000);
    for (let i = 0; i < values.length; i++) {
      const r = random.nextFloat();
      // A mix of wide-range values, many exact ties and a few special values.
      values[i] =
        r < 0.3
          ? (random.nextFloat() - 0.5) * 1e6
          : r < 0.6
            ? Math.round(random.nextFloat() * 20) / 4
            : random.nextFloat() - 0.5;
    }
    values[10] = Number.POSITIVE_INFINITY;
    values[20] = Number.NEGATIVE_INFINITY;
    values[30] = -0;
    const expected = referenceSort(values);
    sortFloat32(values);
    // toEqual would tell -0 from 0, which the comparator sort does not order; compare numerically.
    expect(Array.from(values).every((value, i) => value === expected[i])).toBe(true);
  });

  it('sorts a subarray view without touching the bytes around it', () => {
    const random = createRawRng(3);
    const buffer = new Float32Array(3000);
    for (let i = 0; i < buffer.length; i++) buffer[i] = random.nextFloat();
    const before = buffer.slice();
    const view = buffer.subarray(1000, 2500);
    const expected = referenceSort(view);
    sortFloat32(view);
    expect(Array.from(view)).toEqual(expected);
    expect(Array.from(buffer.subarray(0, 1000))).toEqual(Array.from(before.subarray(0, 1000)));
    expect(Array.from(buffer.subarray(2500))).toEqual(Array.from(before.subarray(2500)));
  });
});

describe('sortedCopy', () => {
  it('leaves the input alone and keeps float64 precision', () => {
    const input = Float64Array.of(0.3, 0.1 + 1e-12, 0.1, 0.2);
    const sorted = sortedCopy(input);
    expect(Array.from(sorted)).toEqual([0.1, 0.1 + 1e-12, 0.2, 0.3]);
    expect(Array.from(input)).toEqual([0.3, 0.1 + 1e-12, 0.1, 0.2]);
  });
});

describe('sortIndicesByKey', () => {
  it('orders rows by key and keeps equal keys in their input order (stable)', () => {
    const random = createRawRng(11);
    const keys = new Uint32Array(5000);
    for (let i = 0; i < keys.length; i++)
      keys[i] =
        random.nextFloat() < 0.5
          ? Math.floor(random.nextFloat() * 10)
          : Math.floor(random.nextFloat() * 2 ** 32);
    const order = new Uint32Array(keys.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const expected = Array.from(order).sort((a, b) => keys[a]! - keys[b]! || a - b);
    sortIndicesByKey(order, keys);
    expect(Array.from(order)).toEqual(expected);
  });

  it('handles an empty order', () => {
    const order = new Uint32Array(0);
    sortIndicesByKey(order, new Uint32Array(0));
    expect(order.length).toBe(0);
  });
});
