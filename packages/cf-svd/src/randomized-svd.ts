import { createRng } from '@reco/core';
import { jacobiSvd, orthonormalize } from './dense';
import { CfError } from './errors';
import { type CsrMatrix, csrTimesDense, csrTransposeTimesDense } from './sparse';

export interface RandomizedSvdOptions {
  /** Number of singular triplets to return; at most min(nRows, nCols). */
  readonly rank: number;
  /** Extra random directions sampled beyond `rank`; more is more accurate. Default 10. */
  readonly oversamples?: number;
  /** Power (subspace) iterations; each sharpens the spectrum at the cost of two sparse passes. Default 4. */
  readonly powerIterations?: number;
  /** Seed of the Gaussian test matrix. Same seed, same bytes. */
  readonly seed: number;
}

/** A truncated SVD, A ≈ U · diag(s) · Vᵀ. */
export interface TruncatedSvd {
  /** Left singular vectors, nRows x rank, row-major. */
  readonly u: Float32Array;
  /** Singular values, descending. */
  readonly s: Float32Array;
  /** Right singular vectors transposed, rank x nCols, row-major. */
  readonly vt: Float32Array;
  readonly rank: number;
}

/**
 * Truncated SVD of a sparse matrix by randomized range finding (Halko, Martinsson & Tropp 2011,
 * algorithms 4.4 and 5.1):
 *
 * 1. Y = A·Ω for a Gaussian Ω (nCols x ℓ, ℓ = rank + oversamples), Q = orth(Y).
 * 2. q power iterations Q = orth(A · orth(Aᵀ·Q)); re-orthonormalising after every product keeps
 *    the small singular directions from drowning in rounding error.
 * 3. Z = Aᵀ·Q = Q_z·R_z, so B = QᵀA = R_zᵀ·Q_zᵀ. The SVD R_zᵀ = Ũ·Σ·Ṽᵀ of the ℓ x ℓ core gives
 *    U = Q·Ũ and V = Q_z·Ṽ.
 *
 * A is only touched by sparse products (2q + 2 passes over its nonzeros); it is never densified.
 * Dense work is O((nRows + nCols) · ℓ²) in Float64: CholeskyQR2, falling back to Householder QR
 * for ill-conditioned blocks (see `orthonormalize`). Sign convention: each right singular vector
 * has its largest-magnitude entry positive, so results do not flip between equivalent runs.
 */
export function randomizedSvd(matrix: CsrMatrix, options: RandomizedSvdOptions): TruncatedSvd {
  const { rank, oversamples = 10, powerIterations = 4, seed } = options;
  const { nRows: m, nCols: n } = matrix;
  const maxRank = Math.min(m, n);
  if (!Number.isInteger(rank) || rank < 1 || rank > maxRank) {
    throw new CfError(
      'invalid-option',
      `randomizedSvd: rank must be an integer in 1..min(nRows, nCols) = ${maxRank} (got ${rank})`,
      { field: 'rank' },
    );
  }
  if (!Number.isInteger(oversamples) || oversamples < 0) {
    throw new CfError(
      'invalid-option',
      `randomizedSvd: oversamples must be a non-negative integer (got ${oversamples})`,
      { field: 'oversamples' },
    );
  }
  if (!Number.isInteger(powerIterations) || powerIterations < 0) {
    throw new CfError(
      'invalid-option',
      `randomizedSvd: powerIterations must be a non-negative integer (got ${powerIterations})`,
      { field: 'powerIterations' },
    );
  }
  const width = Math.min(rank + oversamples, maxRank);

  const random = createRng(seed);
  const omega = new Float64Array(n * width);
  for (let i = 0; i < omega.length; i++) omega[i] = random.nextGaussian();

  const q = new Float64Array(m * width);
  const z = omega; // n x width buffer, reused for every Aᵀ·Q product
  csrTimesDense(matrix, omega, width, q);
  orthonormalize(q, m, width);
  for (let it = 0; it < powerIterations; it++) {
    csrTransposeTimesDense(matrix, q, width, z);
    orthonormalize(z, n, width);
    csrTimesDense(matrix, z, width, q);
    orthonormalize(q, m, width);
  }
  csrTransposeTimesDense(matrix, q, width, z);
  const rz = orthonormalize(z, n, width);

  // Core: R_zᵀ (width x width).
  const core = new Float64Array(width * width);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < width; j++) core[i * width + j] = rz[j * width + i]!;
  }
  const small = jacobiSvd(core, width);

  const u = new Float32Array(m * rank);
  const vt = new Float32Array(rank * n);
  const s = new Float32Array(rank);
  const vColumn = new Float64Array(n);
  for (let c = 0; c < rank; c++) {
    s[c] = small.s[c]!;
    // v_c = Q_z · Ṽ[:, c], then pick the sign.
    let maxAbs = 0;
    let sign = 1;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const row = i * width;
      for (let k = 0; k < width; k++) sum += z[row + k]! * small.v[k * width + c]!;
      vColumn[i] = sum;
      if (Math.abs(sum) > maxAbs) {
        maxAbs = Math.abs(sum);
        sign = sum < 0 ? -1 : 1;
      }
    }
    for (let i = 0; i < n; i++) vt[c * n + i] = sign * vColumn[i]!;
    for (let i = 0; i < m; i++) {
      let sum = 0;
      const row = i * width;
      for (let k = 0; k < width; k++) sum += q[row + k]! * small.u[k * width + c]!;
      u[i * rank + c] = sign * sum;
    }
  }
  return { u, s, vt, rank };
}
