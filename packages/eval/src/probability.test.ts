import { describe, expect, it } from 'vitest';
import { brierScore, logLoss } from './probability';

describe('logLoss', () => {
  it('is the mean negative log-likelihood', () => {
    // -(ln 0.8 + ln(1 - 0.3)) / 2 = (0.2231436 + 0.3566749) / 2.
    expect(logLoss(Uint8Array.of(1, 0), Float64Array.of(0.8, 0.3))).toBeCloseTo(0.2899092476, 9);
  });

  it('clips probabilities to [eps, 1 - eps] so a confident mistake costs -ln(eps), not infinity', () => {
    // -ln(1e-15) = 15 ln 10 = 34.5387764.
    expect(logLoss(Uint8Array.of(1), Float64Array.of(0))).toBeCloseTo(34.5387763949, 6);
    expect(logLoss(Uint8Array.of(0), Float64Array.of(1))).toBeCloseTo(34.5387763949, 1);
    // -ln(1e-7) = 7 ln 10 = 16.1180957.
    expect(logLoss(Uint8Array.of(1), Float64Array.of(0), { eps: 1e-7 })).toBeCloseTo(16.118095651, 6);
    // A perfect prediction costs -ln(1 - eps), about eps.
    expect(logLoss(Uint8Array.of(1, 0), Float64Array.of(1, 0))).toBeLessThan(1e-14);
  });

  it('equals the entropy of the base rate for a constant base-rate prediction', () => {
    // Base rate 1/4: -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.5623351.
    expect(logLoss(Uint8Array.of(1, 0, 0, 0), Float32Array.of(0.25, 0.25, 0.25, 0.25))).toBeCloseTo(
      0.5623351446,
      9,
    );
  });

  it('needs probabilities and a sane eps', () => {
    expect(() => logLoss(Uint8Array.of(1), Float64Array.of(1.2))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
    expect(() => logLoss(Uint8Array.of(1), Float64Array.of(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
    expect(() => logLoss(Uint8Array.of(1), Float64Array.of(0.5), { eps: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
  });
});

describe('brierScore', () => {
  it('is the mean squared error of the probabilities', () => {
    // (0.2^2 + 0.3^2 + 0.6^2) / 3 = (0.04 + 0.09 + 0.36) / 3.
    expect(brierScore(Uint8Array.of(1, 0, 1), Float64Array.of(0.8, 0.3, 0.4))).toBeCloseTo(0.49 / 3, 12);
  });

  it('is 0 for perfect and 1 for perfectly wrong predictions, and defined with one class', () => {
    expect(brierScore(Uint8Array.of(1, 0), Float64Array.of(1, 0))).toBe(0);
    expect(brierScore(Uint8Array.of(1, 1), Float64Array.of(0, 0))).toBe(1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => brierScore(Uint8Array.of(1, 0), Float64Array.of(0.5))).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
  });
});
