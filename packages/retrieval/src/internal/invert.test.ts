import { createRng } from '@reco/core';
import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { invertSpdInPlace } from './invert';

// ml-matrix (a devDependency, never shipped) as an independent reference: EASE keeps the
// hand-written inverse because it is 3.2x faster at m = 1,000 (bench/ml-matrix.bench.ts).
describe('invertSpdInPlace', () => {
  it('matches ml-matrix inverse on a Gram matrix with a ridge', () => {
    const n = 40;
    const rng = createRng(9);
    const a = new Float64Array(n * n);
    for (let u = 0; u < 200; u++) {
      const items = Array.from({ length: n }, (_, i) => i).filter(() => rng.nextFloat() < 0.2);
      for (const i of items) for (const j of items) a[i * n + j]!++;
    }
    for (let d = 0; d < n; d++) a[d * n + d]! += 5;
    const rows = Array.from({ length: n }, (_, r) => Array.from(a.subarray(r * n, r * n + n)));
    const reference = inverse(new Matrix(rows));
    expect(invertSpdInPlace(a, n)).toBe(true);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(a[i * n + j]).toBeCloseTo(reference.get(i, j), 12);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(invertSpdInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toBe(false);
  });
});
