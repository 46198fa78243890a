/**
 * The kernels of `kernels.as.ts` in plain TypeScript, on the same memory and pointers: the oracle
 * the property tests hold the WebAssembly against, and the baseline of the kernel bench. Every
 * f32 operation is rounded with Math.fround, and the dot products keep four lane sums combined as
 * (l0 + l1) + (l2 + l3), exactly as the f32x4 code does, so the two agree bit for bit (an f64
 * result of +, -, * on f32 inputs rounds to the same f32 as the f32 operation). That also means
 * either can run in production without changing a model. Internal.
 */
import { createRawRng } from '@reco/core';
import type { Kernels } from './kernels';
import type { WasmMemory } from './wasm-api';

const fr = Math.fround;

/** Σ a[k] b[k] over `n` floats (a multiple of 4) in the f32x4 lane order. */
function laneDot(f32: Float32Array, a: number, b: number, n: number): number {
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  for (let k = 0; k < n; k += 4) {
    l0 = fr(l0 + fr(f32[a + k]! * f32[b + k]!));
    l1 = fr(l1 + fr(f32[a + k + 1]! * f32[b + k + 1]!));
    l2 = fr(l2 + fr(f32[a + k + 2]! * f32[b + k + 2]!));
    l3 = fr(l3 + fr(f32[a + k + 3]! * f32[b + k + 3]!));
  }
  return fr(fr(l0 + l1) + fr(l2 + l3));
}

/** out[k] += w y[k] over `n` floats; the Float32Array store rounds the sum. */
function axpyRow(f32: Float32Array, out: number, w: number, y: number, n: number): void {
  for (let k = 0; k < n; k++) f32[out + k] = f32[out + k]! + fr(w * f32[y + k]!);
}

/** The plain-TypeScript kernels on `memory`; same signatures and results as `kernelsFor`. */
export function plainKernelsFor(memory: WasmMemory): Kernels {
  const f32 = new Float32Array(memory.buffer);
  const u32 = new Uint32Array(memory.buffer);
  return {
    sgd: (user, item, rating, start, end, p, q, userBias, itemBias, stride, mean, lr, reg, biasReg) =>
      sgd(f32, u32, [user, item, rating, p, q, userBias, itemBias], start, end, stride, [
        mean,
        lr,
        reg,
        biasReg,
      ]),
    accumulate(out, v, y, indices, data, start, end, stride, residual) {
      const n = stride >> 2;
      for (let t = start; t < end; t++) {
        const yi = (y + u32[(indices >> 2) + t]! * stride) >> 2;
        const d = f32[(data >> 2) + t]!;
        const projected = fr(d * laneDot(f32, yi, v >> 2, n));
        const w = residual ? fr(fr(1 + d) - projected) : projected;
        axpyRow(f32, out >> 2, w, yi, n);
      }
    },
    symmetricTimes(out, m, v, stride) {
      const n = stride >> 2;
      f32.fill(0, out >> 2, (out >> 2) + n);
      for (let b = 0; b < n; b++) axpyRow(f32, out >> 2, f32[(v >> 2) + b]!, (m >> 2) + b * n, n);
    },
    shuffleRatings(user, item, rating, start, end, state) {
      // The loop MF ran in TypeScript before the kernel (the bench's baseline), on these columns.
      const random = createRawRng(state);
      const [u, i, r] = [user >> 2, item >> 2, rating >> 2];
      for (let t = end - 1; t > start; t--) {
        const j = start + random.nextInt(t - start + 1);
        const su = u32[u + t]!;
        u32[u + t] = u32[u + j]!;
        u32[u + j] = su;
        const si = u32[i + t]!;
        u32[i + t] = u32[i + j]!;
        u32[i + j] = si;
        const sr = f32[r + t]!;
        f32[r + t] = f32[r + j]!;
        f32[r + j] = sr;
      }
    },
    scoreBlock(out, x, nUsers, y, nItems, stride) {
      const n = stride >> 2;
      for (let u = 0; u < nUsers; u++) {
        const xu = (x >> 2) + u * n;
        const ou = (out >> 2) + u * nItems;
        for (let i = 0; i < nItems; i++) f32[ou + i] = laneDot(f32, xu, (y >> 2) + i * n, n);
      }
    },
  };
}

/** The SGD pass of `kernels.as.ts` (pointers in bytes, as there; the rates arrive there as f32). */
function sgd(
  f32: Float32Array,
  u32: Uint32Array,
  [user, item, rating, p, q, userBias, itemBias]: readonly number[],
  start: number,
  end: number,
  stride: number,
  [mean, lr, reg, biasReg]: readonly number[],
): number {
  const [m, rate, lambda, lambdaBias] = [fr(mean!), fr(lr!), fr(reg!), fr(biasReg!)];
  const n = stride >> 2;
  const shrink = fr(1 - fr(rate * lambda));
  let squaredError = 0;
  for (let t = start; t < end; t++) {
    const u = u32[(user! >> 2) + t]!;
    const i = u32[(item! >> 2) + t]!;
    const pu = (p! >> 2) + u * n;
    const qi = (q! >> 2) + i * n;
    const bu = (userBias! >> 2) + u;
    const bi = (itemBias! >> 2) + i;
    const predicted = fr(fr(fr(m + f32[bu]!) + f32[bi]!) + laneDot(f32, pu, qi, n));
    const e = fr(f32[(rating! >> 2) + t]! - predicted);
    squaredError += e * e;
    f32[bu] = f32[bu]! + fr(rate * fr(e - fr(lambdaBias * f32[bu]!)));
    f32[bi] = f32[bi]! + fr(rate * fr(e - fr(lambdaBias * f32[bi]!)));
    const step = fr(rate * e);
    for (let k = 0; k < n; k++) {
      const pv = f32[pu + k]!;
      const qv = f32[qi + k]!;
      f32[pu + k] = fr(shrink * pv) + fr(step * qv);
      f32[qi + k] = fr(shrink * qv) + fr(step * pv);
    }
  }
  return squaredError;
}
