import { describe, expect, it } from 'vitest';
import { columnMoments } from './logistic-objective';

describe('columnMoments', () => {
  it('skips NaN and stays exact for a large mean with a small spread', () => {
    // Column 0: years around 2000 (mean 2001, population σ √2); column 1 has a NaN; column 2 all NaN.
    const X = Float32Array.from([
      1999,
      1,
      Number.NaN,
      2000,
      Number.NaN,
      Number.NaN,
      2001,
      3,
      Number.NaN,
      2002,
      5,
      Number.NaN,
      2003,
      7,
      Number.NaN,
    ]);
    const { means, stds } = columnMoments(X, 5, 3);
    expect(means[0]).toBeCloseTo(2001, 12);
    expect(stds[0]).toBeCloseTo(Math.sqrt(2), 12);
    // Non-missing values 1, 3, 5, 7: mean 4, population σ √5.
    expect(means[1]).toBeCloseTo(4, 12);
    expect(stds[1]).toBeCloseTo(Math.sqrt(5), 12);
    expect([means[2], stds[2]]).toEqual([0, 0]);
  });
});
