import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { deriveSeed, foldRows, stratifiedFolds, stratifiedSplit, takeLabels, takeRows } from './rows';
import { modelError } from './test-errors';

function labels(n: number, positiveShare: number, seed: number): Uint8Array {
  const rng = createRawRng(seed);
  return Uint8Array.from({ length: n }, () => (rng.nextFloat() < positiveShare ? 1 : 0));
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
    modelError(() => stratifiedFolds(y, 3, 0), 'invalid-input');
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

  it('keeps the folds and draws of the generator models had before @reco/core (unmixed mulberry32)', () => {
    // Recorded with the deleted src/internal/prng.ts: seeded results (folds, searches, synthetic
    // data) stay what they were, since createRawRng is the same stream.
    const rng = createRawRng(42);
    const draws = [
      rng.nextFloat(),
      rng.nextFloat(),
      rng.nextInt(1000),
      rng.nextGaussian(),
      rng.nextGaussian(),
    ];
    expect(draws).toEqual([
      0.6011037519201636, 0.44829055899754167, 852, 0.6773277072041898, 1.3254965881566083,
    ]);
    expect(rng.nextGaussian()).toBe(-0.1778509189597297);
    expect(Array.from(createRawRng(7).shuffle(Uint32Array.from({ length: 10 }, (_, i) => i)))).toEqual([
      6, 5, 8, 1, 2, 3, 4, 7, 9, 0,
    ]);
    const y = Uint8Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    expect(Array.from(stratifiedFolds(y, 3, 5))).toEqual([
      2, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 2, 1, 1, 2, 2, 2, 2,
    ]);
  });

  it('deriveSeed separates streams', () => {
    expect(deriveSeed(1, 1)).not.toBe(deriveSeed(1, 2));
    expect(deriveSeed(1, 1)).toBe(deriveSeed(1, 1));
  });
});
