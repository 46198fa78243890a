import { describe, expect, it } from 'vitest';
import {
  accumulateLogistic,
  columnMoments,
  fillRounding,
  type LogisticProblem,
  rowBlock,
} from './logistic-objective';

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

/** A problem over X with the given means, for building row blocks. */
function problemOf(X: Float32Array, y: Uint8Array, nCols: number, means: Float64Array): LogisticProblem {
  let missing = 0;
  for (const v of X) if (Number.isNaN(v)) missing++;
  return {
    X,
    nRows: y.length,
    nCols,
    y,
    means,
    delta: fillRounding(means),
    missingCells: missing,
    scale: new Float64Array(nCols).fill(1),
    weightNegative: 1,
    weightPositive: 2,
    totalWeight: 1,
    l2: 0,
  };
}

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('accumulateLogistic', () => {
  const nCols = 5;
  const means = Float64Array.from({ length: nCols }, (_, j) => (j === 0 ? 1995.123456789 : 5.1));
  const w = Float64Array.from({ length: nCols }, (_, j) => 0.1 * (j - 2));

  function data(nRows: number, withNaN: boolean): { X: Float32Array; y: Uint8Array } {
    const rnd = lcg(11);
    const X = Float32Array.from({ length: nRows * nCols }, (_, k) =>
      withNaN && k % 37 === 0 ? Number.NaN : (k % nCols === 0 ? 1990 : 0) + 10 * rnd(),
    );
    return { X, y: Uint8Array.from({ length: nRows }, () => (rnd() < 0.4 ? 1 : 0)) };
  }

  it('equals the centred sums, complete rows and rows with missing cells alike', () => {
    const { X, y } = data(200, true);
    const problem = problemOf(X, y, nCols, means);
    const out = new Float64Array(nCols + 2);
    // Rows 10..192: a group of four that the last row only partly fills.
    const block = rowBlock(problem, 10, 193, false);
    expect(block.missingCols.length).toBeGreaterThan(0);
    accumulateLogistic(block, nCols, means, problem.delta, w, 0.3, 1, 2, new Float64Array(nCols), out);
    // The oracle: centre every cell (a missing one at its mean), then the textbook sums.
    const want = new Float64Array(nCols + 2);
    for (let i = 10; i < 193; i++) {
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

  it('is bitwise the one-row-at-a-time pass on complete rows, whatever the row count mod 4', () => {
    for (const nRows of [1, 2, 3, 4, 5, 6, 7, 97]) {
      const { X, y } = data(nRows, false);
      const problem = problemOf(X, y, nCols, means);
      const out = new Float64Array(nCols + 2);
      const block = rowBlock(problem, 0, nRows, false);
      // No NaN: the block reads X itself, no copy.
      expect(block.X.buffer).toBe(X.buffer);
      accumulateLogistic(block, nCols, means, problem.delta, w, 0.3, 1, 2, new Float64Array(nCols), out);
      expect(Array.from(out)).toEqual(Array.from(rowAtATime(X, y, nRows, w, 0.3)));
    }
  });

  /** The kernel before rows went four at a time (its complete-row path), as the bitwise oracle. */
  function rowAtATime(
    X: Float32Array,
    y: Uint8Array,
    nRows: number,
    w: Float64Array,
    b: number,
  ): Float64Array {
    const out = new Float64Array(nCols + 2);
    const raw = new Float64Array(nCols);
    let shifted = b;
    for (let j = 0; j < nCols; j++) shifted -= w[j]! * means[j]!;
    for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
      let margin = shifted;
      for (let j = 0; j < nCols; j++) margin += X[o + j]! * w[j]!;
      const weight = y[i] === 1 ? 2 : 1;
      const e = Math.exp(-Math.abs(margin));
      out[0] = out[0]! + weight * (Math.max(margin, 0) + Math.log1p(e) - y[i]! * margin);
      const r = weight * ((margin >= 0 ? 1 / (1 + e) : e / (1 + e)) - y[i]!);
      out[1] = out[1]! + r;
      for (let j = 0; j < nCols; j++) raw[j] = raw[j]! + r * X[o + j]!;
    }
    for (let j = 0; j < nCols; j++) out[j + 2] = 0 + raw[j]! - means[j]! * out[1]!;
    return out;
  }
});

describe('rowBlock', () => {
  it('fills NaN with float32(mean) and lists each missing cell under its row', () => {
    const X = Float32Array.from([1, Number.NaN, 3, Number.NaN, Number.NaN, 6, 7, 8, 9]);
    const means = Float64Array.from([4, 8.1, 6]);
    const problem = problemOf(X, Uint8Array.from([0, 1, 0]), 3, means);
    const block = rowBlock(problem, 0, 3, true);
    expect(Array.from(block.X)).toEqual([1, Math.fround(8.1), 3, 4, Math.fround(8.1), 6, 7, 8, 9]);
    expect(Array.from(block.missingStart)).toEqual([0, 1, 3, 3]);
    expect(Array.from(block.missingCols)).toEqual([1, 0, 1]);
    expect(block.X.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Number.isNaN(X[1]!)).toBe(true);
  });
});
