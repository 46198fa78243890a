import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { prAuc, rocAuc } from './auc';
import { EvaluationError } from './errors';
import { pairCountAuc, stepAveragePrecision } from './internal/brute-force';

const labels = (...values: number[]) => Uint8Array.from(values);
const f64 = (...values: number[]) => Float64Array.from(values);

describe('rocAuc', () => {
  it('counts winning pairs on distinct scores', () => {
    // Positives 0.9, 0.8, 0.6 vs negatives 0.7, 0.55, 0.3: 0.9 and 0.8 beat all 3, 0.6 beats 2 -> 8/9.
    expect(rocAuc(labels(1, 1, 0, 1, 0, 0), f64(0.9, 0.8, 0.7, 0.6, 0.55, 0.3))).toBeCloseTo(8 / 9, 12);
  });

  it('counts a tied pair as one half', () => {
    // Pairs: (0.5, 0.5) = 1/2, (0.5, 0.2) = 1, (0.8, 0.5) = 1, (0.8, 0.2) = 1 -> 3.5 / 4.
    expect(rocAuc(labels(1, 0, 1, 0), f64(0.5, 0.5, 0.8, 0.2))).toBeCloseTo(0.875, 12);
  });

  it('is 0.5 when every score ties', () => {
    expect(rocAuc(labels(1, 0, 1, 0, 0), f64(0.3, 0.3, 0.3, 0.3, 0.3))).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc(labels(0, 0, 1, 1), f64(0.1, 0.2, 0.3, 0.4))).toBe(1);
    expect(rocAuc(labels(1, 1, 0, 0), f64(0.1, 0.2, 0.3, 0.4))).toBe(0);
  });

  it('accepts any real scores, not only probabilities', () => {
    expect(rocAuc(labels(0, 1, 0, 1), f64(-5, 12, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY))).toBe(
      1,
    );
  });

  it('treats -0 and +0 as a tie', () => {
    expect(rocAuc(labels(1, 0), f64(-0, 0))).toBe(0.5);
  });

  it('throws EvaluationError when only one class is present (the ratio would be 0/0)', () => {
    expect(() => rocAuc(labels(1, 1, 1), f64(0.2, 0.5, 0.9))).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
    expect(() => rocAuc(labels(0, 0), f64(0.2, 0.5))).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
    try {
      rocAuc(labels(0, 0), f64(0.2, 0.5));
    } catch (error) {
      expect(error).toBeInstanceOf(EvaluationError);
      expect((error as EvaluationError).code).toBe('undefined-metric');
    }
  });

  it('rejects mismatched lengths, empty input, bad labels and NaN scores with a clear message', () => {
    expect(() => rocAuc(labels(1, 0), f64(0.5))).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => rocAuc(labels(), f64())).toThrow(expect.objectContaining({ code: 'empty-input' }));
    expect(() => rocAuc(labels(1, 2, 0), f64(0.1, 0.2, 0.3))).toThrow(
      expect.objectContaining({ code: 'invalid-label' }),
    );
    expect(() => rocAuc(labels(1, 0, 0), f64(0.1, Number.NaN, 0.3))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
  });

  it.each([
    ['float32 with heavy ties', 11, 'f32-ties'],
    ['float32 continuous, above the radix cut-over', 12, 'f32'],
    ['float64 not representable in float32', 13, 'f64'],
    ['float64 holding float32 values', 14, 'f64-exact'],
  ] as const)('equals the pair-counting definition on random input: %s', (_name, seed, kind) => {
    const random = createRawRng(seed);
    for (let round = 0; round < 5; round++) {
      const n = kind === 'f32' ? 3000 + round * 100 : 50 + round * 40;
      const y = new Uint8Array(n);
      const raw = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = random.nextFloat() < 0.4 ? 1 : 0;
        // Scores lean towards the label so AUC is far from 0.5, and ties are frequent when rounded.
        const score = 0.6 * random.nextFloat() + 0.4 * y[i]! * random.nextFloat();
        raw[i] = kind === 'f32-ties' ? Math.round(score * 20) / 20 : score;
      }
      y[0] = 1;
      y[1] = 0;
      const scores =
        kind === 'f64'
          ? raw
          : kind === 'f64-exact'
            ? Float64Array.from(Float32Array.from(raw))
            : Float32Array.from(raw);
      expect(rocAuc(y, scores)).toBeCloseTo(pairCountAuc(y, scores), 12);
      expect(prAuc(y, scores)).toBeCloseTo(stepAveragePrecision(y, scores), 12);
    }
  });
});

describe('prAuc (average precision)', () => {
  it('averages the precision at each positive on distinct scores', () => {
    // Ranked: 1 1 0 1 0 0 -> precision at the positives 1/1, 2/2, 3/4 -> (1 + 1 + 0.75) / 3.
    expect(prAuc(labels(1, 1, 0, 1, 0, 0), f64(0.9, 0.8, 0.7, 0.6, 0.55, 0.3))).toBeCloseTo(2.75 / 3, 12);
  });

  it('takes a tied group as one step', () => {
    // Groups: 0.8 {+} -> R 1/2, P 1; 0.5 {+, -} -> R 1, P 2/3 -> AP = 0.5 * 1 + 0.5 * 2/3.
    expect(prAuc(labels(1, 0, 1, 0), f64(0.5, 0.5, 0.8, 0.2))).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('is the base rate when every score ties', () => {
    expect(prAuc(labels(1, 0, 1, 0, 0), f64(0.3, 0.3, 0.3, 0.3, 0.3))).toBeCloseTo(0.4, 12);
  });

  it('is 1 for a perfect ranking', () => {
    expect(prAuc(labels(0, 0, 1, 1), f64(0.1, 0.2, 0.3, 0.4))).toBe(1);
  });

  it('is defined with positives only (it is 1) and throws without positives', () => {
    expect(prAuc(labels(1, 1), f64(0.1, 0.9))).toBe(1);
    expect(() => prAuc(labels(0, 0), f64(0.1, 0.9))).toThrow(EvaluationError);
  });
});
