import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { f1At } from './internal/brute-force';
import { selectThreshold } from './threshold';

const labels = Uint8Array.of(1, 1, 0, 1, 0, 0);
const scores = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.55, 0.3);

describe('selectThreshold', () => {
  it("'max-f1' picks the score with the highest F1", () => {
    // F1 of score >= t, t = 0.9 .. 0.3: 2/4, 4/5, 4/6, 6/7, 6/8, 6/9 -> best t = 0.6 (tp 3, fp 1, fn 0).
    expect(selectThreshold(labels, scores)).toEqual({
      strategy: 'max-f1',
      threshold: 0.6,
      f1: 6 / 7,
      precision: 3 / 4,
      recall: 1,
    });
  });

  it("'max-f1' may pick the lowest score", () => {
    // Labels 1 0 0 1, scores 0.8 0.8 0.5 0.2 (P = 2):
    // t 0.8: tp 1 fp 1 fn 1 -> 2/4; t 0.5: tp 1 fp 2 fn 1 -> 2/5; t 0.2: tp 2 fp 2 fn 0 -> 4/6.
    const selection = selectThreshold(Uint8Array.of(1, 0, 0, 1), Float64Array.of(0.8, 0.8, 0.5, 0.2));
    expect(selection.threshold).toBe(0.2);
    expect(selection.f1).toBeCloseTo(2 / 3, 12);
  });

  it("'max-f1' keeps the highest threshold among equal F1", () => {
    // Labels 1 0 0 1, scores 0.9 0.5 0.5 0.5: t 0.9: tp 1 fp 0 fn 1 -> 2/3; t 0.5: tp 2 fp 2 fn 0 -> 4/6.
    const tie = selectThreshold(Uint8Array.of(1, 0, 0, 1), Float64Array.of(0.9, 0.5, 0.5, 0.5));
    expect(tie.f1).toBeCloseTo(2 / 3, 12);
    expect(tie.threshold).toBe(0.9);
  });

  it("'max-f1' matches a brute-force search over every candidate threshold", () => {
    const random = createRawRng(5);
    for (let round = 0; round < 20; round++) {
      const n = 40 + round * 7;
      const y = new Uint8Array(n);
      const s = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = random.nextFloat() < 0.35 ? 1 : 0;
        s[i] = Math.round((0.5 * random.nextFloat() + 0.5 * y[i]! * random.nextFloat()) * 30) / 30;
      }
      y[0] = 1;
      const candidates = [...new Set(Array.from(s))];
      const bestF1 = Math.max(...candidates.map((t) => f1At(y, s, t)));
      const selection = selectThreshold(y, s);
      expect(selection.f1).toBeCloseTo(bestF1, 12);
      expect(f1At(y, s, selection.threshold)).toBeCloseTo(bestF1, 12);
    }
  });

  it("'fixed' reports the metrics at the given value (default 0.5)", () => {
    // >= 0.5: tp 3, fp 2, fn 0 -> precision 3/5, recall 1, F1 6/8.
    expect(selectThreshold(labels, scores, { strategy: 'fixed' })).toEqual({
      strategy: 'fixed',
      threshold: 0.5,
      f1: 0.75,
      precision: 0.6,
      recall: 1,
    });
    expect(selectThreshold(labels, scores, { strategy: 'fixed', value: 0.8 }).f1).toBeCloseTo(0.8, 12);
  });

  it('throws when there is no positive to find', () => {
    expect(() => selectThreshold(Uint8Array.of(0, 0), Float64Array.of(0.1, 0.2))).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
    expect(() =>
      selectThreshold(labels, scores, { strategy: 'fixed', value: Number.POSITIVE_INFINITY }),
    ).toThrow(expect.objectContaining({ code: 'invalid-option' }));
  });
});
