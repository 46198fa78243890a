/**
 * The two vector primitives every hot loop here is made of. Four independent partial sums (or
 * lanes) keep the floating-point adds from waiting on each other, which roughly halves the time
 * of a 64-wide dot product in V8; the functions are small enough to be inlined at call sites.
 * Float32Array only, so every load site stays monomorphic (one array type), which V8 rewards.
 */

/** Σ_k a[ao + k] · b[bo + k] for k < n. */
export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += a[ao + k]! * b[bo + k]!;
    s1 += a[ao + k + 1]! * b[bo + k + 1]!;
    s2 += a[ao + k + 2]! * b[bo + k + 2]!;
    s3 += a[ao + k + 3]! * b[bo + k + 3]!;
  }
  for (; k < n; k++) s0 += a[ao + k]! * b[bo + k]!;
  return s0 + s1 + (s2 + s3);
}

/** out[oo + k] += w · x[xo + k] for k < n. */
export function axpy(out: Float32Array, oo: number, w: number, x: Float32Array, xo: number, n: number): void {
  let k = 0;
  for (; k + 3 < n; k += 4) {
    out[oo + k]! += w * x[xo + k]!;
    out[oo + k + 1]! += w * x[xo + k + 1]!;
    out[oo + k + 2]! += w * x[xo + k + 2]!;
    out[oo + k + 3]! += w * x[xo + k + 3]!;
  }
  for (; k < n; k++) out[oo + k]! += w * x[xo + k]!;
}
