/**
 * Small dense linear algebra in Float64 for the randomized SVD: a Householder QR of tall, skinny
 * row-major matrices and a one-sided Jacobi SVD of small square ones. Internal; not exported.
 */

/**
 * Thin QR of `a` (m x n, row-major, m >= n), in place: on return `a` holds Q (m x n, orthonormal
 * columns, row-major) and the returned array holds R (n x n, row-major, upper triangular).
 *
 * Householder rather than Gram-Schmidt: Q stays orthonormal to machine precision even when `a` is
 * rank-deficient or badly conditioned, which is the normal case between power iterations. Both
 * passes walk rows and touch a contiguous run of columns per row, matching the row-major layout.
 */
export function householderQr(a: Float64Array, m: number, n: number): Float64Array {
  const tau = new Float64Array(n);
  const r = new Float64Array(n * n);
  const w = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    // Reflector for column k, rows k..m-1: v = x - alpha e1, stored in place of x.
    let norm2 = 0;
    for (let i = k; i < m; i++) {
      const x = a[i * n + k]!;
      norm2 += x * x;
    }
    const x0 = a[k * n + k]!;
    const alpha = x0 > 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    r[k * n + k] = alpha;
    const v0 = x0 - alpha;
    const vNorm2 = norm2 - x0 * x0 + v0 * v0;
    if (vNorm2 === 0) continue; // column already zero below the diagonal: H = I (tau = 0)
    a[k * n + k] = v0;
    tau[k] = 2 / vNorm2;

    // Apply H = I - tau v vᵀ to columns k+1..n-1: w = vᵀA, then A -= tau v w.
    applyReflector(a, m, n, k, k + 1, tau[k]!, w);
    for (let j = k + 1; j < n; j++) r[k * n + j] = a[k * n + j]!;
  }

  // Form Q = H_0 H_1 ... H_{n-1} [I; 0] by backward accumulation, reusing the reflector storage:
  // copy the reflectors out first, because Q overwrites `a`.
  const v = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < Math.min(i + 1, n); k++) v[i * n + k] = a[i * n + k]!;
  }
  a.fill(0);
  for (let j = 0; j < n; j++) a[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const t = tau[k]!;
    if (t === 0) continue;
    // Columns < k of Q are still unit vectors e_j with zeros in rows >= k, so H_k leaves them alone.
    w.fill(0, k, n);
    for (let i = k; i < m; i++) {
      const vi = v[i * n + k]!;
      if (vi === 0) continue;
      const row = i * n;
      for (let j = k; j < n; j++) w[j]! += vi * a[row + j]!;
    }
    for (let i = k; i < m; i++) {
      const vi = t * v[i * n + k]!;
      if (vi === 0) continue;
      const row = i * n;
      for (let j = k; j < n; j++) a[row + j]! -= vi * w[j]!;
    }
  }
  return r;
}

function applyReflector(
  a: Float64Array,
  m: number,
  n: number,
  k: number,
  firstCol: number,
  tau: number,
  w: Float64Array,
): void {
  w.fill(0, firstCol, n);
  for (let i = k; i < m; i++) {
    const vi = a[i * n + k]!;
    if (vi === 0) continue;
    const row = i * n;
    for (let j = firstCol; j < n; j++) w[j]! += vi * a[row + j]!;
  }
  for (let i = k; i < m; i++) {
    const vi = tau * a[i * n + k]!;
    if (vi === 0) continue;
    const row = i * n;
    for (let j = firstCol; j < n; j++) a[row + j]! -= vi * w[j]!;
  }
}

/** SVD of a small square matrix: m = U · diag(s) · Vᵀ, with s descending. All n x n row-major. */
export interface SmallSvd {
  readonly u: Float64Array;
  readonly s: Float64Array;
  readonly v: Float64Array;
}

/**
 * One-sided Jacobi (Hestenes) SVD of an n x n row-major matrix. Rotations orthogonalise the columns
 * of M·V until every pair is orthogonal to working precision; the column norms are then the
 * singular values. Slow (O(n³) per sweep) but simple and accurate to full relative precision,
 * which is what the (rank + oversamples)-sized core problem needs.
 */
export function jacobiSvd(matrix: Float64Array, n: number): SmallSvd {
  // Work column-major: column j of M at w[j*n .. j*n+n-1], so rotations touch contiguous memory.
  const w = new Float64Array(n * n);
  const vCols = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) w[j * n + i] = matrix[i * n + j]!;
    vCols[i * n + i] = 1;
  }
  const eps = 1e-15;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        const po = p * n;
        const qo = q * n;
        for (let i = 0; i < n; i++) {
          const x = w[po + i]!;
          const y = w[qo + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateColumns(w, po, qo, n, c, s);
        rotateColumns(vCols, po, qo, n, c, s);
      }
    }
    if (!rotated) break;
  }

  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[j * n + i]! ** 2;
    norms[j] = Math.sqrt(sum);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y]! - norms[x]! || x - y);

  const u = new Float64Array(n * n);
  const s = new Float64Array(n);
  const v = new Float64Array(n * n);
  for (let rank = 0; rank < n; rank++) {
    const j = order[rank]!;
    const sigma = norms[j]!;
    s[rank] = sigma;
    const inv = sigma > 0 ? 1 / sigma : 0;
    for (let i = 0; i < n; i++) {
      u[i * n + rank] = w[j * n + i]! * inv;
      v[i * n + rank] = vCols[j * n + i]!;
    }
  }
  return { u, s, v };
}

function rotateColumns(w: Float64Array, po: number, qo: number, n: number, c: number, s: number): void {
  for (let i = 0; i < n; i++) {
    const x = w[po + i]!;
    const y = w[qo + i]!;
    w[po + i] = c * x - s * y;
    w[qo + i] = s * x + c * y;
  }
}

/**
 * Lower-triangular L with A = L·Lᵀ for a symmetric positive-definite n x n row-major A, or
 * undefined when A is not positive definite to working precision.
 */
export function choleskyFactor(a: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  return l;
}

/**
 * Solves A x = b for a symmetric positive-definite n x n row-major A by Cholesky factorisation.
 * Returns x (a new array), or undefined when A is not positive definite to working precision.
 * Used for the one-off fold-in solves, where an exact answer is cheap (n = factors + 1).
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
  const l = choleskyFactor(a, n);
  if (l === undefined) return undefined;
  // L z = b, then Lᵀ x = z.
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/**
 * Thin QR of a tall, skinny row-major `a` (m x n), in place, returning R (n x n, row-major).
 *
 * Tries CholeskyQR2 first (Yamamoto et al. 2015): R₁ = chol(AᵀA), Q₁ = A·R₁⁻¹, repeated once on
 * Q₁ to restore orthogonality to machine precision. It makes two streaming passes per round with
 * the row in cache, several times faster in JavaScript than Householder's column sweeps. It is
 * only stable while cond(A) stays well below 1/√ε ≈ 7e7, so when the Cholesky pivots spread more
 * than 1e4 (a rank-deficient or badly conditioned block), it falls back to Householder.
 */
export function orthonormalize(a: Float64Array, m: number, n: number): Float64Array {
  const r1 = choleskyQrStep(a, m, n);
  if (r1 === undefined) return householderQr(a, m, n);
  // a now holds Q₁ (nearly orthonormal); the second round polishes it. Should that round fail,
  // Householder on Q₁ spans the same space, and R = R₂·R₁ either way.
  const r2 = choleskyQrStep(a, m, n) ?? householderQr(a, m, n);
  return multiplyUpper(r2, r1, n);
}

/** One CholeskyQR round, or undefined (leaving `a` untouched) when AᵀA is too ill-conditioned. */
function choleskyQrStep(a: Float64Array, m: number, n: number): Float64Array | undefined {
  // AᵀA, upper triangle, two rows per sweep so each Gram entry is loaded and stored half as often.
  const gram = new Float64Array(n * n);
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    for (let p = 0; p < n; p++) {
      const x0 = a[r0 + p]!;
      const x1 = a[r1 + p]!;
      const g = p * n;
      for (let q = p; q < n; q++) gram[g + q]! += x0 * a[r0 + q]! + x1 * a[r1 + q]!;
    }
  }
  for (; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < n; p++) {
      const x = a[row + p]!;
      const g = p * n;
      for (let q = p; q < n; q++) gram[g + q]! += x * a[row + q]!;
    }
  }
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) gram[p * n + q] = gram[q * n + p]!;
  const l = choleskyFactor(gram, n);
  if (l === undefined) return undefined;
  let minPivot = Number.POSITIVE_INFINITY;
  let maxPivot = 0;
  for (let j = 0; j < n; j++) {
    const pivot = l[j * n + j]!;
    if (pivot < minPivot) minPivot = pivot;
    if (pivot > maxPivot) maxPivot = pivot;
  }
  if (!(minPivot * 1e4 > maxPivot)) return undefined;

  // Each row q solves q·Lᵀ = a_row by forward substitution: q_j = (a_j - Σ_{k<j} q_k L_jk) / L_jj.
  // Two partial sums, because a single running sum makes every multiply wait for the last add.
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const lj = j * n;
      let s0 = a[row + j]!;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        s0 -= a[row + k]! * l[lj + k]!;
        s1 -= a[row + k + 1]! * l[lj + k + 1]!;
      }
      if (k < j) s0 -= a[row + k]! * l[lj + k]!;
      a[row + j] = (s0 + s1) / l[lj + j]!;
    }
  }
  // R = Lᵀ.
  const r = new Float64Array(n * n);
  for (let p = 0; p < n; p++) for (let q = p; q < n; q++) r[p * n + q] = l[q * n + p]!;
  return r;
}

/** The product of two upper-triangular n x n row-major matrices. */
function multiplyUpper(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = i; k <= j; k++) sum += a[i * n + k]! * b[k * n + j]!;
      out[i * n + j] = sum;
    }
  }
  return out;
}
