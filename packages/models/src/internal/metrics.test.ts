import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { f1Score, logLoss, prAuc, rocAuc } from './metrics';
import { modelError } from './test-errors';

/** AUC by its definition: over all (positive, negative) pairs, 1 if ranked right, 1/2 if tied. */
function pairwiseAuc(y: Uint8Array, s: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      pairs++;
      if (s[i]! > s[j]!) wins += 1;
      else if (s[i] === s[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

/** Average precision by its definition, thresholds taken at every distinct score. */
function definitionAp(y: Uint8Array, s: ArrayLike<number>): number {
  const thresholds = [...new Set(Array.from(s))].sort((a, b) => b - a);
  const nPos = y.reduce((a, v) => a + v, 0);
  let ap = 0;
  let previousRecall = 0;
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < y.length; i++) {
      if (s[i]! >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      }
    }
    const recall = tp / nPos;
    ap += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
  }
  return ap;
}

function randomCase(n: number, seed: number, levels: number) {
  const rng = createRawRng(seed);
  const y = new Uint8Array(n);
  const s = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.nextFloat() < 0.4 ? 1 : 0;
    // Few distinct levels: many ties, the case that needs care.
    s[i] = Math.floor((rng.nextFloat() + 0.3 * y[i]!) * levels) / levels;
  }
  return { y, s };
}

describe('rocAuc', () => {
  it('matches pair counting, ties included', () => {
    for (const [seed, levels] of [
      [1, 5],
      [2, 50],
      [3, 1000],
    ] as const) {
      const { y, s } = randomCase(400, seed, levels);
      expect(rocAuc(y, s)).toBeCloseTo(pairwiseAuc(y, s), 12);
    }
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for constant scores', () => {
    const y = Uint8Array.from([0, 0, 1, 1]);
    expect(rocAuc(y, [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc(y, [0.4, 0.3, 0.2, 0.1])).toBe(0);
    expect(rocAuc(y, [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('is NaN with one class and rejects NaN scores', () => {
    expect(rocAuc(Uint8Array.from([1, 1]), [0.1, 0.2])).toBeNaN();
    modelError(() => rocAuc(Uint8Array.from([0, 1]), [0.1, Number.NaN]), 'invalid-input');
  });
});

describe('prAuc', () => {
  it('matches the step-wise definition, ties included', () => {
    for (const [seed, levels] of [
      [4, 4],
      [5, 40],
      [6, 10_000],
    ] as const) {
      const { y, s } = randomCase(300, seed, levels);
      expect(prAuc(y, s)).toBeCloseTo(definitionAp(y, s), 12);
    }
  });

  it('is computed by hand on a small case', () => {
    // Ranked: 0.9 (+), 0.8 (-), 0.7 (+): AP = 1/2 · 1 + 1/2 · 2/3.
    expect(prAuc(Uint8Array.from([1, 0, 1]), [0.9, 0.8, 0.7])).toBeCloseTo(0.5 + 1 / 3, 12);
  });
});

describe('logLoss and f1Score', () => {
  it('logLoss is the mean cross-entropy', () => {
    const y = Uint8Array.from([1, 0, 1]);
    const expected = -(Math.log(0.8) + Math.log(1 - 0.3) + Math.log(0.6)) / 3;
    expect(logLoss(y, [0.8, 0.3, 0.6])).toBeCloseTo(expected, 6);
    expect(Number.isFinite(logLoss(y, [0, 1, 0]))).toBe(true);
  });

  it('f1Score thresholds at 0.5', () => {
    // tp = 2 (0.9, 0.6), fp = 1 (0.7), fn = 1 (0.2): F1 = 4 / (4 + 1 + 1).
    const y = Uint8Array.from([1, 1, 0, 1, 0]);
    expect(f1Score(y, [0.9, 0.6, 0.7, 0.2, 0.1])).toBeCloseTo(4 / 6, 12);
    expect(f1Score(y, [0, 0, 0, 0, 0])).toBe(0);
  });
});
