import { describe, expect, it } from 'vitest';
import { mae, rmse } from './rating';

describe('rmse and mae', () => {
  const actual = Float32Array.of(3, 4, 5);
  const predicted = Float64Array.of(2.5, 4, 4);

  it('match hand-computed values', () => {
    // Errors -0.5, 0, -1: RMSE = sqrt((0.25 + 0 + 1) / 3), MAE = 1.5 / 3.
    expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt(1.25 / 3), 12);
    expect(mae(actual, predicted)).toBeCloseTo(0.5, 12);
  });

  it('are 0 for perfect predictions', () => {
    expect(rmse(actual, Float64Array.from(actual))).toBe(0);
    expect(mae(actual, Float64Array.from(actual))).toBe(0);
  });

  it('reject mismatched, empty or NaN input', () => {
    expect(() => rmse(actual, Float64Array.of(1))).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => mae(Float32Array.of(), Float32Array.of())).toThrow(
      expect.objectContaining({ code: 'empty-input' }),
    );
    expect(() => mae(Float32Array.of(1), Float32Array.of(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
  });
});
