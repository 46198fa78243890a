// AssemblyScript source of the SIMD kernels, compiled by `asc` (see asconfig.json) into
// wasm/kernels.wasm at build time; `kernels.ts` loads it. TypeScript syntax, AssemblyScript types: tsc skips it.
//
// All pointers are byte offsets into the memory the host imports as `env.memory` (a shared
// WebAssembly memory, see arena.ts). Factor rows are `stride` bytes long, a multiple of 16 (the
// factors rounded up to a multiple of 4, the padding kept at zero, which the updates preserve), so
// every row is whole f32x4 lanes. The float operations are written in the order the hand-encoded
// kernels used, so a seed gives the same factors bit for bit.

/** Horizontal sum of four lanes as (l0 + l1) + (l2 + l3). */
function horizontalSum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** Σ_k a[k] b[k] over one row, four lanes at a time, lanes summed at the end. */
function rowDot(a: usize, b: usize, stride: u32): f32 {
  let acc = f32x4.splat(0);
  for (let k: usize = 0; k < stride; k += 16) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(a + k), v128.load(b + k)));
  }
  return horizontalSum(acc);
}

/** out[k] += w y[k] over one row. */
function rowAxpy(out: usize, w: v128, y: usize, stride: u32): void {
  for (let k: usize = 0; k < stride; k += 16) {
    v128.store(out + k, f32x4.add(v128.load(out + k), f32x4.mul(w, v128.load(y + k))));
  }
}

/** b += lr (e - biasReg b), in place. */
function updateBias(at: usize, lr: f32, e: f32, biasReg: f32): void {
  const b = load<f32>(at);
  store<f32>(at, b + lr * (e - biasReg * b));
}

/**
 * The biased-MF SGD pass over ratings start..end-1. For each (r = rating[t], u = user[t],
 * i = item[t]), with p_u, q_i the factor rows:
 *   e = r - (mean + b_u + b_i + p_u·q_i);  se += e²  (in f64)
 *   b_u += lr (e - biasReg b_u);  b_i += lr (e - biasReg b_i)
 *   p_u, q_i <- (1 - lr reg) p_u + lr e q_i,  (1 - lr reg) q_i + lr e p_u  (from the old values)
 * Returns se, the sum of squared errors before each update.
 */
export function sgd(
  user: usize,
  item: usize,
  rating: usize,
  start: u32,
  end: u32,
  p: usize,
  q: usize,
  userBias: usize,
  itemBias: usize,
  stride: u32,
  mean: f32,
  lr: f32,
  reg: f32,
  biasReg: f32,
): f64 {
  const shrink = f32x4.splat(1 - lr * reg);
  let squaredError: f64 = 0;
  for (let t = start; t < end; t++) {
    const u = load<u32>(user + ((<usize>t) << 2));
    const i = load<u32>(item + ((<usize>t) << 2));
    const pu = p + u * stride;
    const qi = q + i * stride;
    const userBiasAt = userBias + ((<usize>u) << 2);
    const itemBiasAt = itemBias + ((<usize>i) << 2);
    const dot = rowDot(pu, qi, stride);
    const e =
      load<f32>(rating + ((<usize>t) << 2)) - (mean + load<f32>(userBiasAt) + load<f32>(itemBiasAt) + dot);
    squaredError += <f64>e * <f64>e;
    updateBias(userBiasAt, lr, e, biasReg);
    updateBias(itemBiasAt, lr, e, biasReg);
    const step = f32x4.splat(lr * e);
    for (let k: usize = 0; k < stride; k += 16) {
      const pv = v128.load(pu + k);
      const qv = v128.load(qi + k);
      v128.store(pu + k, f32x4.add(f32x4.mul(shrink, pv), f32x4.mul(step, qv)));
      v128.store(qi + k, f32x4.add(f32x4.mul(shrink, qv), f32x4.mul(step, pv)));
    }
  }
  return squaredError;
}

/**
 * Fisher-Yates over rows start..end-1 of the three rating columns (u32 user, u32 item, f32
 * rating), moved together, driven by mulberry32 from `state` exactly as `@reco/core`'s
 * `createRawRng(state).nextInt` draws: j = start + floor(next / 2^32 * (t - start + 1)), in f64.
 * The same state gives the same permutation as the TypeScript shuffle, bit for bit.
 */
export function shuffleRatings(
  user: usize,
  item: usize,
  rating: usize,
  start: u32,
  end: u32,
  state: u32,
): void {
  let s = state;
  if (end <= start + 1) return;
  for (let t = end - 1; t > start; t--) {
    s += 0x6d2b79f5;
    let z = s;
    z = (z ^ (z >>> 15)) * (z | 1);
    z ^= z + (z ^ (z >>> 7)) * (z | 61);
    const draw = <f64>(z ^ (z >>> 14));
    const j = start + <u32>Math.floor((draw / 4294967296.0) * <f64>(t - start + 1));
    const at = (<usize>t) << 2;
    const to = (<usize>j) << 2;
    const u = load<u32>(user + at);
    store<u32>(user + at, load<u32>(user + to));
    store<u32>(user + to, u);
    const i = load<u32>(item + at);
    store<u32>(item + at, load<u32>(item + to));
    store<u32>(item + to, i);
    const r = load<f32>(rating + at);
    store<f32>(rating + at, load<f32>(rating + to));
    store<f32>(rating + to, r);
  }
}

/**
 * The per-event part of an ALS conjugate-gradient product, for events start..end-1 of one row:
 * with y_i the row of y at indices[t] and d = data[t] (the confidence minus one),
 *   w = residual ? 1 + d - d (y_i·v) : d (y_i·v);   out += w y_i
 */
export function accumulate(
  out: usize,
  v: usize,
  y: usize,
  indices: usize,
  data: usize,
  start: u32,
  end: u32,
  stride: u32,
  residual: u32,
): void {
  for (let t = start; t < end; t++) {
    const yi = y + load<u32>(indices + ((<usize>t) << 2)) * stride;
    const d = load<f32>(data + ((<usize>t) << 2));
    const projected = d * rowDot(yi, v, stride);
    const w: f32 = residual ? 1 + d - projected : projected;
    rowAxpy(out, f32x4.splat(w), yi, stride);
  }
}

/**
 * out = M v for a symmetric M of stride x stride bytes' worth of floats, row-major, computed as
 * Σ_b v[b] (row b of M): whole-row f32x4 multiply-adds and no horizontal sums (row b is column b).
 */
export function symmetricTimes(out: usize, m: usize, v: usize, stride: u32): void {
  for (let k: usize = 0; k < stride; k += 16) v128.store(out + k, f32x4.splat(0));
  let row = m;
  for (let b: usize = 0; b < stride; b += 4) {
    rowAxpy(out, f32x4.splat(load<f32>(v + b)), row, stride);
    row += stride;
  }
}

/**
 * out[u nItems + i] = x_u·y_i for users 0..nUsers-1 (rows of x) and every item row of y: the scores
 * of a block of users against the whole catalogue. Four users share each load of an item row (the
 * rows of x stay in L1), so y streams from memory once per four users. Every dot is summed in
 * rowDot's lane order whether its user is in a group of four or in the tail, so a user's scores
 * do not depend on the block it is scored in.
 */
export function scoreBlock(out: usize, x: usize, nUsers: u32, y: usize, nItems: u32, stride: u32): void {
  const rowBytes = (<usize>nItems) << 2;
  let u: u32 = 0;
  for (; u + 4 <= nUsers; u += 4) {
    const x0 = x + <usize>u * stride;
    const x1 = x0 + stride;
    const x2 = x1 + stride;
    const x3 = x2 + stride;
    const o0 = out + <usize>u * rowBytes;
    for (let i: usize = 0; i < nItems; i++) {
      const yi = y + i * stride;
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let a2 = f32x4.splat(0);
      let a3 = f32x4.splat(0);
      for (let k: usize = 0; k < stride; k += 16) {
        const yv = v128.load(yi + k);
        a0 = f32x4.add(a0, f32x4.mul(v128.load(x0 + k), yv));
        a1 = f32x4.add(a1, f32x4.mul(v128.load(x1 + k), yv));
        a2 = f32x4.add(a2, f32x4.mul(v128.load(x2 + k), yv));
        a3 = f32x4.add(a3, f32x4.mul(v128.load(x3 + k), yv));
      }
      const at = o0 + (i << 2);
      store<f32>(at, horizontalSum(a0));
      store<f32>(at + rowBytes, horizontalSum(a1));
      store<f32>(at + 2 * rowBytes, horizontalSum(a2));
      store<f32>(at + 3 * rowBytes, horizontalSum(a3));
    }
  }
  for (; u < nUsers; u++) {
    const xu = x + <usize>u * stride;
    const ou = out + <usize>u * rowBytes;
    for (let i: usize = 0; i < nItems; i++) store<f32>(ou + (i << 2), rowDot(xu, y + i * stride, stride));
  }
}
