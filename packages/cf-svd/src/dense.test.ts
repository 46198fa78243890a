import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { householderQr, jacobiSvd, orthonormalize, solveSpd } from './dense';
import { lcg } from './test-fixtures';

function randomMatrix(m: number, n: number, seed: number): Float64Array {
  const next = lcg(seed);
  return Float64Array.from({ length: m * n }, () => next() * 2 - 1);
}

/** max |QᵀQ - I| and max |Q·R - A| for row-major Q (m x n), R (n x n), A (m x n). */
function qrErrors(q: Float64Array, r: Float64Array, a: Float64Array, m: number, n: number) {
  let orthogonality = 0;
  for (let p = 0; p < n; p++) {
    for (let s = 0; s < n; s++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[i * n + p]! * q[i * n + s]!;
      orthogonality = Math.max(orthogonality, Math.abs(dot - (p === s ? 1 : 0)));
    }
  }
  let reconstruction = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += q[i * n + k]! * r[k * n + j]!;
      reconstruction = Math.max(reconstruction, Math.abs(sum - a[i * n + j]!));
    }
  }
  return { orthogonality, reconstruction };
}

describe('orthonormalize / householderQr', () => {
  it('factors a well-conditioned tall matrix (CholeskyQR2 path)', () => {
    const a = randomMatrix(200, 12, 1);
    const q = Float64Array.from(a);
    const r = orthonormalize(q, 200, 12);
    const { orthogonality, reconstruction } = qrErrors(q, r, a, 200, 12);
    expect(orthogonality).toBeLessThan(1e-12);
    expect(reconstruction).toBeLessThan(1e-12);
    for (let i = 1; i < 12; i++) for (let j = 0; j < i; j++) expect(r[i * 12 + j]).toBe(0);
  });

  it('still returns orthonormal columns for a rank-deficient matrix (Householder fallback)', () => {
    // Columns 3..9 repeat columns 0..2: rank 3, so CholeskyQR must give up.
    const m = 100;
    const n = 10;
    const base = randomMatrix(m, 3, 2);
    const a = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = base[i * 3 + (j % 3)]! * (1 + j);
    for (const qr of [orthonormalize, householderQr]) {
      const q = Float64Array.from(a);
      const r = qr(q, m, n);
      const { orthogonality, reconstruction } = qrErrors(q, r, a, m, n);
      expect(orthogonality).toBeLessThan(1e-12);
      expect(reconstruction).toBeLessThan(1e-12);
    }
  });
});

describe('jacobiSvd', () => {
  it('reconstructs a square matrix with orthonormal factors and descending values', () => {
    const n = 7;
    const m = randomMatrix(n, n, 3);
    const { u, s, v } = jacobiSvd(m, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += u[i * n + k]! * s[k]! * v[j * n + k]!;
        expect(sum).toBeCloseTo(m[i * n + j]!, 12);
      }
    }
    for (let k = 1; k < n; k++) expect(s[k]!).toBeLessThanOrEqual(s[k - 1]!);
    const { orthogonality } = qrErrors(v, new Float64Array(n * n), new Float64Array(n * n), n, n);
    expect(orthogonality).toBeLessThan(1e-12);
  });
});

describe('solveSpd', () => {
  it('solves a positive-definite system and reports an indefinite one', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = solveSpd(a, Float64Array.from([2, 1, 4]), 3)!;
    for (let i = 0; i < 3; i++) {
      const ax = a[i * 3]! * x[0]! + a[i * 3 + 1]! * x[1]! + a[i * 3 + 2]! * x[2]!;
      expect(ax).toBeCloseTo([2, 1, 4][i]!, 12);
    }
    expect(solveSpd(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBeUndefined();
  });
});

// ml-matrix (a devDependency, never shipped) as an independent reference: the hand-written solves
// are kept because they are 3.5x to 9x faster (bench/ml-matrix.bench.ts), and must give its answers.
describe('against ml-matrix', () => {
  function spd(n: number, seed: number): Float64Array {
    const x = randomMatrix(n + 5, n, seed);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n + 5; i++)
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) a[r * n + c]! += x[i * n + r]! * x[i * n + c]!;
    for (let d = 0; d < n; d++) a[d * n + d]! += 0.1;
    return a;
  }
  const rowsOf = (a: Float64Array, n: number) =>
    Array.from({ length: a.length / n }, (_, r) => Array.from(a.subarray(r * n, r * n + n)));

  it.each([5, 33, 65])('solveSpd matches CholeskyDecomposition at n = %i', (n) => {
    const a = spd(n, n);
    const b = randomMatrix(n, 1, n + 1);
    const reference = new CholeskyDecomposition(new Matrix(rowsOf(a, n))).solve(Matrix.columnVector([...b]));
    const x = solveSpd(a, b, n)!;
    for (let k = 0; k < n; k++) expect(x[k]).toBeCloseTo(reference.get(k, 0), 9);
  });

  it('jacobiSvd gives the singular values of ml-matrix SingularValueDecomposition', () => {
    const n = 12;
    const a = randomMatrix(n, n, 3);
    const reference = new SingularValueDecomposition(new Matrix(rowsOf(a, n))).diagonal;
    const { s } = jacobiSvd(a, n);
    for (let k = 0; k < n; k++) expect(s[k]).toBeCloseTo(reference[k]!, 10);
  });
});
