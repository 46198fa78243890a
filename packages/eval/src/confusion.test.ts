import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, f1, precision, recall } from './confusion';

const labels = Uint8Array.of(1, 1, 0, 1, 0, 0);
const scores = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.55, 0.3);

describe('confusionMatrix and the threshold metrics', () => {
  it('predicts positive at score >= 0.5 by default', () => {
    // Predicted positive: 0.9 0.8 0.7 0.6 0.55 -> tp 3 (0.9 0.8 0.6), fp 2 (0.7 0.55), tn 1, fn 0.
    expect(confusionMatrix(labels, scores)).toEqual({ tp: 3, fp: 2, tn: 1, fn: 0 });
    expect(accuracy(labels, scores)).toBeCloseTo(4 / 6, 12);
    expect(precision(labels, scores)).toBeCloseTo(3 / 5, 12);
    expect(recall(labels, scores)).toBe(1);
    // 2tp / (2tp + fp + fn) = 6 / 8.
    expect(f1(labels, scores)).toBeCloseTo(0.75, 12);
  });

  it('uses the given threshold, inclusive', () => {
    // >= 0.8: 0.9 and 0.8, both positive -> tp 2, fp 0, tn 3, fn 1.
    const options = { threshold: 0.8 };
    expect(confusionMatrix(labels, scores, options)).toEqual({ tp: 2, fp: 0, tn: 3, fn: 1 });
    expect(accuracy(labels, scores, options)).toBeCloseTo(5 / 6, 12);
    expect(precision(labels, scores, options)).toBe(1);
    expect(recall(labels, scores, options)).toBeCloseTo(2 / 3, 12);
    expect(f1(labels, scores, options)).toBeCloseTo(0.8, 12);
  });

  it('defines precision, recall and F1 as 0 when their denominators are 0', () => {
    // Nothing predicted positive: precision 0/0 -> 0.
    expect(precision(labels, scores, { threshold: 2 })).toBe(0);
    expect(f1(labels, scores, { threshold: 2 })).toBe(0);
    // No positives at all: recall 0/0 -> 0, accuracy still defined.
    const negatives = Uint8Array.of(0, 0);
    expect(recall(negatives, Float64Array.of(0.1, 0.9))).toBe(0);
    expect(accuracy(negatives, Float64Array.of(0.1, 0.9))).toBe(0.5);
  });

  it('rejects a non-finite threshold, bad labels and NaN scores', () => {
    expect(() => confusionMatrix(labels, scores, { threshold: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
    expect(() => accuracy(Uint8Array.of(3), Float64Array.of(0.5))).toThrow(
      expect.objectContaining({ code: 'invalid-label' }),
    );
    expect(() => accuracy(Uint8Array.of(1), Float32Array.of(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
  });
});
