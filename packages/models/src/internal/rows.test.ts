import { describe, expect, it } from 'vitest';
import { createRng } from './prng';
import { deriveSeed, foldRows, stratifiedFolds, stratifiedSplit, takeLabels, takeRows } from './rows';

function labels(n: number, positiveShare: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  return Uint8Array.from({ length: n }, () => (rng.next() < positiveShare ? 1 : 0));
}

describe('stratifiedFolds', () => {
  it('gives every fold its share of each class (±1 row)', () => {
    const y = labels(1003, 0.3, 1);
    const k = 5;
    const fold = stratifiedFolds(y, k, 7);
    const nPos = y.reduce((a, v) => a + v, 0);
    for (let f = 0; f < k; f++) {
      let pos = 0;
      let all = 0;
      for (let i = 0; i < y.length; i++) {
        if (fold[i] !== f) continue;
        all++;
        pos += y[i]!;
      }
      expect(Math.abs(pos - nPos / k)).toBeLessThanOrEqual(1);
      expect(Math.abs(all - y.length / k)).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const y = labels(500, 0.5, 2);
    expect(stratifiedFolds(y, 4, 3)).toEqual(stratifiedFolds(y, 4, 3));
    expect(stratifiedFolds(y, 4, 3)).not.toEqual(stratifiedFolds(y, 4, 4));
  });

  it('refuses more folds than rows of a class', () => {
    const y = Uint8Array.from([1, 1, 0, 0, 0, 0]);
    expect(() => stratifiedFolds(y, 3, 0)).toThrow(/at least 3 rows of each class/);
  });

  it('foldRows partitions the rows', () => {
    const y = labels(100, 0.5, 5);
    const fold = stratifiedFolds(y, 3, 1);
    const { train, test } = foldRows(fold, 1);
    expect(train.length + test.length).toBe(100);
    expect(new Set([...train, ...test]).size).toBe(100);
    for (const i of test) expect(fold[i]).toBe(1);
  });
});

describe('stratifiedSplit and row gathering', () => {
  it('holds out about the fraction of each class, disjoint and sorted', () => {
    const y = labels(1000, 0.2, 9);
    const all = Uint32Array.from({ length: 1000 }, (_, i) => i);
    const { train, holdout } = stratifiedSplit(y, all, 0.1, 4);
    const heldPos = Array.from(holdout).filter((i) => y[i] === 1).length;
    const nPos = y.reduce((a, v) => a + v, 0);
    expect(heldPos).toBe(Math.round(0.1 * nPos));
    expect(holdout.length + train.length).toBe(1000);
    expect(new Set([...train, ...holdout]).size).toBe(1000);
    expect(Array.from(train)).toEqual(Array.from(train).sort((a, b) => a - b));
  });

  it('takeRows copies whole rows in the given order', () => {
    const X = Float32Array.from([0, 1, 10, 11, 20, 21]);
    expect(Array.from(takeRows(X, 2, Uint32Array.from([2, 0])))).toEqual([20, 21, 0, 1]);
    expect(Array.from(takeLabels(Uint8Array.from([0, 1, 1]), Uint32Array.from([2, 0])))).toEqual([1, 0]);
  });

  it('deriveSeed separates streams', () => {
    expect(deriveSeed(1, 1)).not.toBe(deriveSeed(1, 2));
    expect(deriveSeed(1, 1)).toBe(deriveSeed(1, 1));
  });
});
