import { describe, expect, it } from 'vitest';
import { calibrationTable } from './calibration';

describe('calibrationTable', () => {
  const labels = Uint8Array.of(0, 0, 1, 1, 1, 0);
  const scores = Float64Array.of(0.1, 0.2, 0.4, 0.6, 0.9, 1.0);

  it('uniform bins: counts, mean prediction, observed rate and ECE by hand', () => {
    // Bin [0, 0.5): 0.1 0.2 0.4, labels 0 0 1 -> mean 0.7/3, rate 1/3.
    // Bin [0.5, 1]: 0.6 0.9 1.0, labels 1 1 0 -> mean 2.5/3, rate 2/3 (1.0 lands in the last bin).
    const table = calibrationTable(labels, scores, { bins: 2 });
    expect(table.strategy).toBe('uniform');
    expect(table.bins).toHaveLength(2);
    const [low, high] = table.bins;
    expect(low).toMatchObject({ lower: 0, upper: 0.5, count: 3, positives: 1 });
    expect(low!.meanPredicted).toBeCloseTo(0.7 / 3, 12);
    expect(low!.observedRate).toBeCloseTo(1 / 3, 12);
    expect(high).toMatchObject({ lower: 0.5, upper: 1, count: 3, positives: 2 });
    expect(high!.meanPredicted).toBeCloseTo(2.5 / 3, 12);
    // ECE = 3/6 * |0.7/3 - 1/3| + 3/6 * |2.5/3 - 2/3| = 0.5 * 0.1 + 0.5 * 1/6.
    expect(table.expectedCalibrationError).toBeCloseTo(0.05 + 1 / 12, 12);
    expect(table.maxCalibrationError).toBeCloseTo(1 / 6, 12);
  });

  it('keeps empty bins with count 0 and NaN means, and they weigh nothing in ECE', () => {
    // Four bins of width 0.25: 0.1 0.2 | - | 0.6 | 0.9 1.0.
    const table = calibrationTable(Uint8Array.of(0, 1, 1, 1, 0), Float64Array.of(0.1, 0.2, 0.6, 0.9, 1.0), {
      bins: 4,
    });
    expect(table.bins.map((bin) => bin.count)).toEqual([2, 0, 1, 2]);
    expect(table.bins[1]!.meanPredicted).toBeNaN();
    expect(table.bins[1]!.observedRate).toBeNaN();
    // ECE = 2/5 |0.15 - 0.5| + 1/5 |0.6 - 1| + 2/5 |0.95 - 0.5| = 0.14 + 0.08 + 0.18.
    expect(table.expectedCalibrationError).toBeCloseTo(0.4, 12);
  });

  it('is 0 for a perfectly calibrated model', () => {
    // Every score is 0.25 and exactly a quarter of the labels are 1.
    const table = calibrationTable(Uint8Array.of(1, 0, 0, 0), Float32Array.of(0.25, 0.25, 0.25, 0.25));
    expect(table.bins).toHaveLength(10);
    expect(table.expectedCalibrationError).toBe(0);
  });

  it('quantile bins hold equal counts on distinct scores', () => {
    // Six scores, three bins: edges at ranks 2 and 4 -> 0.3 and 0.5.
    const table = calibrationTable(
      Uint8Array.of(0, 0, 0, 1, 1, 1),
      Float64Array.of(0.6, 0.1, 0.5, 0.2, 0.4, 0.3),
      { bins: 3, strategy: 'quantile' },
    );
    expect(table.bins.map((bin) => [bin.lower, bin.upper, bin.count])).toEqual([
      [0.1, 0.3, 2],
      [0.3, 0.5, 2],
      [0.5, 0.6, 2],
    ]);
    // Bin 1 holds 0.1 (label 0) and 0.2 (label 1) -> rate 1/2; bin 2: 0.4 (1), 0.3 (1) -> 1; bin 3: 0.6 (0), 0.5 (0) -> 0.
    expect(table.bins.map((bin) => bin.observedRate)).toEqual([0.5, 1, 0]);
  });

  it('quantile bins keep tied scores together, leaving a bin empty', () => {
    // Edge at rank 3 is 0.2, so every score (all >= 0.2) goes to the second bin.
    const table = calibrationTable(
      Uint8Array.of(0, 0, 1, 0, 1, 1),
      Float64Array.of(0.2, 0.2, 0.2, 0.2, 0.8, 0.9),
      {
        bins: 2,
        strategy: 'quantile',
      },
    );
    expect(table.bins.map((bin) => bin.count)).toEqual([0, 6]);
  });

  it('rejects bad options and non-probabilities', () => {
    expect(() => calibrationTable(labels, scores, { bins: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
    expect(() => calibrationTable(labels, Float64Array.of(0.1, 0.2, 0.4, 0.6, 0.9, 1.5))).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
  });
});
