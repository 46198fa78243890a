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
 * Solves A x = b for a symmetric positive-definite n x n row-major A by Cholesky factorisation.
 * Returns x (a new array), or undefined when A is not positive definite to working precision.
 * Used for the one-off fold-in solves, where an exact answer is cheap (n = factors + 1).
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | undefined {
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
