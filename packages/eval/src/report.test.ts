import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { pairCountAuc, stepAveragePrecision } from './internal/brute-force';
import { classificationReport } from './report';

describe('classificationReport', () => {
  it('gathers every metric, by hand on a small case', () => {
    const labels = Uint8Array.of(1, 1, 0, 1, 0, 0);
    const scores = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.55, 0.3);
    const report = classificationReport(labels, scores, { threshold: 0.8 });
    // >= 0.8: tp 2, fp 0, tn 3, fn 1.
    expect(report).toMatchObject({
      n: 6,
      positives: 3,
      threshold: 0.8,
      confusion: { tp: 2, fp: 0, tn: 3, fn: 1 },
    });
    expect(report.accuracy).toBeCloseTo(5 / 6, 12);
    expect(report.precision).toBe(1);
    expect(report.recall).toBeCloseTo(2 / 3, 12);
    expect(report.f1).toBeCloseTo(0.8, 12);
    expect(report.rocAuc).toBeCloseTo(8 / 9, 12);
    expect(report.prAuc).toBeCloseTo(2.75 / 3, 12);
    // Log loss: -(ln .9 + ln .8 + ln .3 + ln .6 + ln .45 + ln .7) / 6.
    const expectedLogLoss =
      -(Math.log(0.9) + Math.log(0.8) + Math.log(0.3) + Math.log(0.6) + Math.log(0.45) + Math.log(0.7)) / 6;
    expect(report.logLoss).toBeCloseTo(expectedLogLoss, 12);
    // Brier: (.01 + .04 + .49 + .16 + .3025 + .09) / 6.
    expect(report.brier).toBeCloseTo(1.0925 / 6, 12);
  });

  it('agrees with the brute-force definitions on random float32 probabilities', () => {
    const random = createRawRng(21);
    const n = 400;
    const labels = new Uint8Array(n);
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = random.nextFloat() < 0.55 ? 1 : 0;
      scores[i] = Math.round((0.7 * random.nextFloat() + 0.3 * labels[i]!) * 50) / 50;
    }
    const report = classificationReport(labels, scores);
    expect(report.threshold).toBe(0.5);
    expect(report.rocAuc).toBeCloseTo(pairCountAuc(labels, scores), 12);
    expect(report.prAuc).toBeCloseTo(stepAveragePrecision(labels, scores), 12);
    let correct = 0;
    for (let i = 0; i < n; i++) if ((scores[i]! >= 0.5 ? 1 : 0) === labels[i]) correct++;
    expect(report.accuracy).toBeCloseTo(correct / n, 12);
  });

  it('throws on one class, since ROC AUC is undefined there', () => {
    expect(() => classificationReport(Uint8Array.of(1, 1), Float64Array.of(0.3, 0.7))).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
  });

  it('needs probabilities', () => {
    expect(() => classificationReport(Uint8Array.of(1, 0), Float64Array.of(3, -1))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
  });
});
