import { describe, expect, it } from 'vitest';
import { accumulateLogistic, columnMoments } from './logistic-objective';

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

describe('accumulateLogistic', () => {
  it('equals the centred sums, complete rows and rows with missing cells alike', () => {
    const nRows = 200;
    const nCols = 5;
    let s = 11;
    const rnd = () => {
      s = (s * 1103515245 + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const X = Float32Array.from({ length: nRows * nCols }, (_, k) =>
      k % 37 === 0 ? Number.NaN : (k % nCols === 0 ? 1990 : 0) + 10 * rnd(),
    );
    const y = Uint8Array.from({ length: nRows }, () => (rnd() < 0.4 ? 1 : 0));
    const means = Float64Array.from({ length: nCols }, (_, j) => (j === 0 ? 1995 : 5));
    const w = Float64Array.from({ length: nCols }, (_, j) => 0.1 * (j - 2));
    const out = new Float64Array(nCols + 2);
    accumulateLogistic(X, nCols, y, 10, 190, means, w, 0.3, 1, 2, new Float64Array(nCols), out);
    // The oracle: centre every cell (a missing one at its mean), then the textbook sums.
    const want = new Float64Array(nCols + 2);
    for (let i = 10; i < 190; i++) {
      const z = Array.from({ length: nCols }, (_, j) => {
        const v = X[i * nCols + j]!;
        return Number.isNaN(v) ? 0 : v - means[j]!;
      });
      const m = 0.3 + z.reduce((a, zj, j) => a + zj * w[j]!, 0);
      const weight = y[i] === 1 ? 2 : 1;
      want[0] = want[0]! + weight * (Math.log(1 + Math.exp(m)) - y[i]! * m);
      const r = weight * (1 / (1 + Math.exp(-m)) - y[i]!);
      want[1] = want[1]! + r;
      z.forEach((zj, j) => {
        want[j + 2] = want[j + 2]! + r * zj;
      });
    }
    for (let k = 0; k < want.length; k++) expect(out[k]).toBeCloseTo(want[k]!, 9);
  });
});
