import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { randomizedSvd } from './randomized-svd';
import { type CsrMatrix, csrFromCoo } from './sparse';
import { thrownBy } from './test-utils';

/** A tiny test-local LCG so the fixtures do not depend on the package's own PRNG. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function randomSparse(nRows: number, nCols: number, density: number, seed: number): CsrMatrix {
  const next = lcg(seed);
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (next() < density) {
        row.push(r);
        col.push(c);
        value.push(next() * 4 + 0.5);
      }
    }
  }
  return csrFromCoo({ nRows, nCols, row, col, value });
}

function toDense(m: CsrMatrix): number[][] {
  const out = Array.from({ length: m.nRows }, () => new Array<number>(m.nCols).fill(0));
  for (let r = 0; r < m.nRows; r++) {
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) out[r]![m.indices[k]!] = m.data[k]!;
  }
  return out;
}

/**
 * Exact singular values, independently of the code under test: cyclic Jacobi eigen-decomposition
 * of the symmetric AᵀA (two-sided rotations, not the one-sided SVD the package uses), then sqrt.
 */
function exactSingularValues(a: number[][]): number[] {
  const n = a[0]!.length;
  const g = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => a.reduce((sum, row) => sum + row[i]! * row[j]!, 0)),
  );
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += g[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = g[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (g[q]![q]! - g[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const gkp = g[k]![p]!;
          const gkq = g[k]![q]!;
          g[k]![p] = c * gkp - s * gkq;
          g[k]![q] = s * gkp + c * gkq;
        }
        for (let k = 0; k < n; k++) {
          const gpk = g[p]![k]!;
          const gqk = g[q]![k]!;
          g[p]![k] = c * gpk - s * gqk;
          g[q]![k] = s * gpk + c * gqk;
        }
      }
    }
  }
  return g.map((row, i) => Math.sqrt(Math.max(0, row[i]!))).sort((x, y) => y - x);
}

function frobenius(a: number[][]): number {
  return Math.sqrt(a.reduce((sum, row) => sum + row.reduce((s, x) => s + x * x, 0), 0));
}

function reconstruct(svd: ReturnType<typeof randomizedSvd>, nRows: number, nCols: number): number[][] {
  const { u, s, vt, rank } = svd;
  return Array.from({ length: nRows }, (_, i) =>
    Array.from({ length: nCols }, (_, j) => {
      let sum = 0;
      for (let c = 0; c < rank; c++) sum += u[i * rank + c]! * s[c]! * vt[c * nCols + j]!;
      return sum;
    }),
  );
}

describe('randomizedSvd', () => {
  it('finds the leading singular values of a sparse matrix, sharper with more power iterations', () => {
    // A uniform random sparse matrix has a flat tail spectrum (σ6/σ7 ≈ 1.02): the hard case for a
    // range finder, so the default settings get close and extra power iterations get exact.
    const a = randomSparse(80, 50, 0.15, 7);
    const exact = exactSingularValues(toDense(a));
    const relativeErrors = (powerIterations: number): number[] => {
      const svd = randomizedSvd(a, { rank: 6, seed: 1, powerIterations });
      expect(svd.rank).toBe(6);
      return Array.from(svd.s, (s, c) => {
        // Ritz values from a subspace never exceed the true singular values.
        expect(s).toBeLessThanOrEqual(exact[c]! * (1 + 1e-6));
        return Math.abs(s - exact[c]!) / exact[c]!;
      });
    };
    const none = relativeErrors(0);
    const standard = relativeErrors(4);
    const many = relativeErrors(16);
    expect(Math.max(...standard)).toBeLessThan(0.01);
    expect(standard[0]!).toBeLessThan(1e-5);
    expect(Math.max(...many)).toBeLessThan(1e-5);
    expect(Math.max(...standard)).toBeLessThan(Math.max(...none));
  });

  it('is exact when rank + oversamples covers the whole matrix', () => {
    const a = randomSparse(30, 12, 0.3, 11);
    const exact = exactSingularValues(toDense(a));
    const svd = randomizedSvd(a, { rank: 12, seed: 5, powerIterations: 0 });
    for (let c = 0; c < 12; c++) expect(svd.s[c]!).toBeCloseTo(exact[c]!, 3);
    const error = frobenius(
      reconstruct(svd, 30, 12).map((row, i) => row.map((x, j) => x - toDense(a)[i]![j]!)),
    );
    expect(error / frobenius(toDense(a))).toBeLessThan(1e-5);
  });

  it('reconstructs a rank-k matrix to rounding error, with orthonormal factors', () => {
    // A = Σ_t x_t y_tᵀ with sparse x_t, y_t: genuinely sparse and exactly rank 4.
    const nRows = 120;
    const nCols = 70;
    const k = 4;
    const next = lcg(3);
    const dense = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(0));
    for (let t = 0; t < k; t++) {
      const x = Array.from({ length: nRows }, () => (next() < 0.3 ? next() * 2 - 1 : 0));
      const y = Array.from({ length: nCols }, () => (next() < 0.3 ? next() * 2 - 1 : 0));
      for (let i = 0; i < nRows; i++)
        for (let j = 0; j < nCols; j++) dense[i]![j]! += x[i]! * y[j]! * (k - t);
    }
    const row: number[] = [];
    const col: number[] = [];
    const value: number[] = [];
    dense.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== 0) {
          row.push(i);
          col.push(j);
          value.push(v);
        }
      });
    });
    expect(value.length).toBeLessThan(nRows * nCols * 0.5);
    const a = csrFromCoo({ nRows, nCols, row, col, value });
    const svd = randomizedSvd(a, { rank: k, seed: 42 });

    const approx = reconstruct(svd, nRows, nCols);
    const residual = approx.map((r, i) => r.map((x, j) => x - Math.fround(dense[i]![j]!)));
    expect(frobenius(residual) / frobenius(dense)).toBeLessThan(1e-5);

    for (let p = 0; p < k; p++) {
      for (let q = p; q < k; q++) {
        let uu = 0;
        let vv = 0;
        for (let i = 0; i < nRows; i++) uu += svd.u[i * k + p]! * svd.u[i * k + q]!;
        for (let j = 0; j < nCols; j++) vv += svd.vt[p * nCols + j]! * svd.vt[q * nCols + j]!;
        expect(uu).toBeCloseTo(p === q ? 1 : 0, 5);
        expect(vv).toBeCloseTo(p === q ? 1 : 0, 5);
      }
    }
    for (let c = 1; c < k; c++) expect(svd.s[c]!).toBeLessThanOrEqual(svd.s[c - 1]!);
  });

  it('is deterministic for a seed and stable across seeds', () => {
    const a = randomSparse(60, 40, 0.2, 9);
    const first = randomizedSvd(a, { rank: 5, seed: 123 });
    const again = randomizedSvd(a, { rank: 5, seed: 123 });
    expect(Buffer.from(again.u.buffer)).toEqual(Buffer.from(first.u.buffer));
    expect(Buffer.from(again.vt.buffer)).toEqual(Buffer.from(first.vt.buffer));
    expect(Buffer.from(again.s.buffer)).toEqual(Buffer.from(first.s.buffer));
    const other = randomizedSvd(a, { rank: 5, seed: 999 });
    for (let c = 0; c < 3; c++) expect(other.s[c]!).toBeCloseTo(first.s[c]!, 2);
  });

  it('rejects a rank beyond the matrix', () => {
    const a = randomSparse(10, 5, 0.5, 1);
    const tooHigh = thrownBy(() => randomizedSvd(a, { rank: 6, seed: 1 }));
    expect(tooHigh).toBeInstanceOf(CfError);
    expect(tooHigh).toMatchObject({ code: 'invalid-option', field: 'rank' });
    expect(thrownBy(() => randomizedSvd(a, { rank: 0, seed: 1 }))).toMatchObject({
      code: 'invalid-option',
      field: 'rank',
    });
  });
});
