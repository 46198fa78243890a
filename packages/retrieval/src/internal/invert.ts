/**
 * Inverts the symmetric positive definite n x n matrix `a` (row-major) in place by Gauss-Jordan
 * elimination without pivoting (safe for SPD matrices: every pivot is a positive Schur
 * complement). n³ multiply-adds and no second n x n buffer, so the fit's memory stays 8 n² bytes
 * (a Cholesky route measured no faster here and needs two more n x n buffers). The inner loop runs
 * over contiguous rows. Returns false when a pivot is not positive (not positive definite).
 */
export function invertSpdInPlace(a: Float64Array, n: number): boolean {
  const pivotRow = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const base = k * n;
    const pivot = a[base + k]!;
    if (!(pivot > 0)) return false;
    const inv = 1 / pivot;
    a[base + k] = 1;
    for (let j = 0; j < n; j++) {
      a[base + j]! *= inv;
      pivotRow[j] = a[base + j]!;
    }
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const row = i * n;
      const f = a[row + k]!;
      if (f === 0) continue;
      a[row + k] = 0;
      for (let j = 0; j < n; j++) a[row + j]! -= f * pivotRow[j]!;
    }
  }
  return true;
}
