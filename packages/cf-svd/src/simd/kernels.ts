/**
 * The hot loops of the package as WebAssembly SIMD (f32x4) kernels: the SGD pass of matrix
 * factorisation, and the per-event accumulation and the (YᵀY + λI)·p product of the ALS
 * conjugate-gradient solves. In V8 they run 4-6x faster than the same loops in JavaScript (one
 * multiply-add per four factors, and no bounds checks), which is what brings 20M-rating training
 * within the benchmark's budget on two cores.
 *
 * Each kernel is written below as a flat instruction list in WAT order, with the WAT in comments.
 * All pointers are byte offsets into the shared memory of an `Arena`; factor rows have a stride that
 * is a multiple of 16 bytes (factors rounded up to a multiple of 4, the padding kept at zero, which
 * the updates preserve). Internal.
 */
import {
  encodeModule,
  type FunctionCode,
  MAX_WASM32_PAGES,
  op,
  valueType,
  type WasmMemory,
  wasm,
} from '@reco/wasm-kit';

const { i32, f32, f64, v128 } = valueType;

// --- sgd ---------------------------------------------------------------------------------------
// (func $sgd (param $user $item $rating $start $end $p $q $userBias $itemBias $stride i32)
//            (param $mean $lr $reg $biasReg f32) (result f64))
// For t in start..end-1 (r = rating[t], u = user[t], i = item[t], p_u and q_i rows of $stride bytes):
//   e = r - (mean + b_u + b_i + p_u·q_i);  se += e²
//   b_u += lr (e - biasReg b_u);  b_i += lr (e - biasReg b_i)
//   p_u, q_i <- (1 - lr reg) p_u + lr e q_i,  (1 - lr reg) q_i + lr e p_u    (from the old values)
// Returns se, the sum of squared errors before each update.
const S = {
  user: 0,
  item: 1,
  rating: 2,
  start: 3,
  end: 4,
  p: 5,
  q: 6,
  userBias: 7,
  itemBias: 8,
  stride: 9,
  mean: 10,
  lr: 11,
  reg: 12,
  biasReg: 13,
  // locals
  t: 14,
  pu: 15,
  qi: 16,
  k: 17,
  index: 18,
  userBiasAt: 19,
  itemBiasAt: 20,
  e: 21,
  bias: 22,
  squaredError: 23,
  acc: 24,
  shrink: 25,
  step: 26,
  pv: 27,
  qv: 28,
} as const;

/** `local.get $array; local.get $t; i32.const 2; i32.shl; i32.add`: the address of array[t]. */
const elementAddress = (array: number, index: number) => [
  op.localGet(array),
  op.localGet(index),
  op.i32Const(2),
  op.i32Shl,
  op.i32Add,
];

/** Horizontal sum of the f32x4 in `local`: (l0 + l1) + (l2 + l3). */
const horizontalSum = (local: number) => [
  op.localGet(local),
  op.f32x4ExtractLane(0),
  op.localGet(local),
  op.f32x4ExtractLane(1),
  op.f32Add,
  op.localGet(local),
  op.f32x4ExtractLane(2),
  op.localGet(local),
  op.f32x4ExtractLane(3),
  op.f32Add,
  op.f32Add,
];

/** `k += 16; br_if (k < stride)`: the back edge of a loop over one factor row. */
const nextLane = (k: number, stride: number) => [
  op.localGet(k),
  op.i32Const(16),
  op.i32Add,
  op.localTee(k),
  op.localGet(stride),
  op.i32LtU,
  op.brIf(0),
];

/** Updates a bias in place: `b = load(at); store(at, b + lr (e - biasReg b))`. */
const updateBias = (at: number) => [
  op.localGet(at),
  op.localGet(at),
  op.f32Load(),
  op.localTee(S.bias),
  op.localGet(S.lr),
  op.localGet(S.e),
  op.localGet(S.biasReg),
  op.localGet(S.bias),
  op.f32Mul,
  op.f32Sub,
  op.f32Mul,
  op.f32Add,
  op.f32Store(),
];

const sgd: FunctionCode = {
  params: [i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, f32, f32, f32, f32],
  results: [f64],
  locals: [i32, i32, i32, i32, i32, i32, i32, f32, f32, f64, v128, v128, v128, v128, v128],
  body: [
    // shrink = splat(1 - lr reg)
    op.f32Const(1),
    op.localGet(S.lr),
    op.localGet(S.reg),
    op.f32Mul,
    op.f32Sub,
    op.f32x4Splat,
    op.localSet(S.shrink),
    op.localGet(S.start),
    op.localSet(S.t),
    op.block,
    op.localGet(S.t),
    op.localGet(S.end),
    op.i32LtU,
    op.i32Eqz,
    op.brIf(0),
    op.loop,
    // pu = p + user[t] * stride; userBiasAt = userBias + 4 user[t]
    ...elementAddress(S.user, S.t),
    op.i32Load(),
    op.localTee(S.index),
    op.localGet(S.stride),
    op.i32Mul,
    op.localGet(S.p),
    op.i32Add,
    op.localSet(S.pu),
    ...elementAddress(S.userBias, S.index),
    op.localSet(S.userBiasAt),
    // qi = q + item[t] * stride; itemBiasAt = itemBias + 4 item[t]
    ...elementAddress(S.item, S.t),
    op.i32Load(),
    op.localTee(S.index),
    op.localGet(S.stride),
    op.i32Mul,
    op.localGet(S.q),
    op.i32Add,
    op.localSet(S.qi),
    ...elementAddress(S.itemBias, S.index),
    op.localSet(S.itemBiasAt),
    // acc = Σ_k p_u[k..k+3] * q_i[k..k+3]
    op.v128Zero,
    op.localSet(S.acc),
    op.i32Const(0),
    op.localSet(S.k),
    op.loop,
    op.localGet(S.acc),
    op.localGet(S.pu),
    op.localGet(S.k),
    op.i32Add,
    op.v128Load(),
    op.localGet(S.qi),
    op.localGet(S.k),
    op.i32Add,
    op.v128Load(),
    op.f32x4Mul,
    op.f32x4Add,
    op.localSet(S.acc),
    ...nextLane(S.k, S.stride),
    op.end,
    // e = rating[t] - (mean + b_u + b_i + hsum(acc))
    ...elementAddress(S.rating, S.t),
    op.f32Load(),
    op.localGet(S.mean),
    op.localGet(S.userBiasAt),
    op.f32Load(),
    op.f32Add,
    op.localGet(S.itemBiasAt),
    op.f32Load(),
    op.f32Add,
    ...horizontalSum(S.acc),
    op.f32Add,
    op.f32Sub,
    op.localSet(S.e),
    // squaredError += e² (in f64)
    op.localGet(S.squaredError),
    op.localGet(S.e),
    op.f64PromoteF32,
    op.localGet(S.e),
    op.f64PromoteF32,
    op.f64Mul,
    op.f64Add,
    op.localSet(S.squaredError),
    ...updateBias(S.userBiasAt),
    ...updateBias(S.itemBiasAt),
    // step = splat(lr e); then the factor rows, four lanes at a time
    op.localGet(S.lr),
    op.localGet(S.e),
    op.f32Mul,
    op.f32x4Splat,
    op.localSet(S.step),
    op.i32Const(0),
    op.localSet(S.k),
    op.loop,
    op.localGet(S.pu),
    op.localGet(S.k),
    op.i32Add,
    op.v128Load(),
    op.localSet(S.pv),
    op.localGet(S.qi),
    op.localGet(S.k),
    op.i32Add,
    op.v128Load(),
    op.localSet(S.qv),
    // store(pu + k, shrink pv + step qv)
    op.localGet(S.pu),
    op.localGet(S.k),
    op.i32Add,
    op.localGet(S.shrink),
    op.localGet(S.pv),
    op.f32x4Mul,
    op.localGet(S.step),
    op.localGet(S.qv),
    op.f32x4Mul,
    op.f32x4Add,
    op.v128Store(),
    // store(qi + k, shrink qv + step pv)
    op.localGet(S.qi),
    op.localGet(S.k),
    op.i32Add,
    op.localGet(S.shrink),
    op.localGet(S.qv),
    op.f32x4Mul,
    op.localGet(S.step),
    op.localGet(S.pv),
    op.f32x4Mul,
    op.f32x4Add,
    op.v128Store(),
    ...nextLane(S.k, S.stride),
    op.end,
    // t += 1; br_if (t < end)
    op.localGet(S.t),
    op.i32Const(1),
    op.i32Add,
    op.localTee(S.t),
    op.localGet(S.end),
    op.i32LtU,
    op.brIf(0),
    op.end,
    op.end,
    op.localGet(S.squaredError),
  ],
};

// --- accumulate --------------------------------------------------------------------------------
// (func $accumulate (param $out $v $y $indices $data $start $end $stride $residual i32))
// For t in start..end-1, with y_i the row of y at indices[t] and d = data[t] (confidence - 1):
//   w = residual ? 1 + d - d (y_i·v) : d (y_i·v);   out += w y_i
const A = {
  out: 0,
  v: 1,
  y: 2,
  indices: 3,
  data: 4,
  start: 5,
  end: 6,
  stride: 7,
  residual: 8,
  // locals
  t: 9,
  yi: 10,
  k: 11,
  d: 12,
  projected: 13,
  acc: 14,
} as const;

const accumulate: FunctionCode = {
  params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
  results: [],
  locals: [i32, i32, i32, f32, f32, v128],
  body: [
    op.localGet(A.start),
    op.localSet(A.t),
    op.block,
    op.localGet(A.t),
    op.localGet(A.end),
    op.i32LtU,
    op.i32Eqz,
    op.brIf(0),
    op.loop,
    // yi = y + indices[t] * stride
    ...elementAddress(A.indices, A.t),
    op.i32Load(),
    op.localGet(A.stride),
    op.i32Mul,
    op.localGet(A.y),
    op.i32Add,
    op.localSet(A.yi),
    // acc = Σ_k y_i[k..k+3] * v[k..k+3]
    op.v128Zero,
    op.localSet(A.acc),
    op.i32Const(0),
    op.localSet(A.k),
    op.loop,
    op.localGet(A.acc),
    op.localGet(A.yi),
    op.localGet(A.k),
    op.i32Add,
    op.v128Load(),
    op.localGet(A.v),
    op.localGet(A.k),
    op.i32Add,
    op.v128Load(),
    op.f32x4Mul,
    op.f32x4Add,
    op.localSet(A.acc),
    ...nextLane(A.k, A.stride),
    op.end,
    // projected = d * hsum(acc);  w = residual ? 1 + d - projected : projected
    ...elementAddress(A.data, A.t),
    op.f32Load(),
    op.localTee(A.d),
    ...horizontalSum(A.acc),
    op.f32Mul,
    op.localSet(A.projected),
    op.localGet(A.residual),
    op.ifResult(f32),
    op.f32Const(1),
    op.localGet(A.d),
    op.f32Add,
    op.localGet(A.projected),
    op.f32Sub,
    op.else,
    op.localGet(A.projected),
    op.end,
    op.f32x4Splat,
    op.localSet(A.acc),
    // out[k..k+3] += w * y_i[k..k+3]
    op.i32Const(0),
    op.localSet(A.k),
    op.loop,
    op.localGet(A.out),
    op.localGet(A.k),
    op.i32Add,
    op.localGet(A.out),
    op.localGet(A.k),
    op.i32Add,
    op.v128Load(),
    op.localGet(A.acc),
    op.localGet(A.yi),
    op.localGet(A.k),
    op.i32Add,
    op.v128Load(),
    op.f32x4Mul,
    op.f32x4Add,
    op.v128Store(),
    ...nextLane(A.k, A.stride),
    op.end,
    op.localGet(A.t),
    op.i32Const(1),
    op.i32Add,
    op.localTee(A.t),
    op.localGet(A.end),
    op.i32LtU,
    op.brIf(0),
    op.end,
    op.end,
  ],
};

// --- symmetricTimes -----------------------------------------------------------------------------
// (func $symmetricTimes (param $out $m $v $stride i32))
// out = M v for a symmetric stride x stride (in floats) row-major M, as Σ_b v[b] · (row b of M):
// whole-row f32x4 multiply-adds with no horizontal sums (row b equals column b).
const M = {
  out: 0,
  m: 1,
  v: 2,
  stride: 3,
  // locals
  k: 4,
  b: 5,
  row: 6,
  scale: 7,
} as const;

const symmetricTimes: FunctionCode = {
  params: [i32, i32, i32, i32],
  results: [],
  locals: [i32, i32, i32, v128],
  body: [
    // out = 0
    op.i32Const(0),
    op.localSet(M.k),
    op.loop,
    op.localGet(M.out),
    op.localGet(M.k),
    op.i32Add,
    op.v128Zero,
    op.v128Store(),
    ...nextLane(M.k, M.stride),
    op.end,
    // for b (a byte offset into v) and row = m + b · stride / 4
    op.i32Const(0),
    op.localSet(M.b),
    op.localGet(M.m),
    op.localSet(M.row),
    op.loop,
    op.localGet(M.v),
    op.localGet(M.b),
    op.i32Add,
    op.f32Load(),
    op.f32x4Splat,
    op.localSet(M.scale),
    // out[k..k+3] += v[b] * row[k..k+3]
    op.i32Const(0),
    op.localSet(M.k),
    op.loop,
    op.localGet(M.out),
    op.localGet(M.k),
    op.i32Add,
    op.localGet(M.out),
    op.localGet(M.k),
    op.i32Add,
    op.v128Load(),
    op.localGet(M.scale),
    op.localGet(M.row),
    op.localGet(M.k),
    op.i32Add,
    op.v128Load(),
    op.f32x4Mul,
    op.f32x4Add,
    op.v128Store(),
    ...nextLane(M.k, M.stride),
    op.end,
    op.localGet(M.row),
    op.localGet(M.stride),
    op.i32Add,
    op.localSet(M.row),
    op.localGet(M.b),
    op.i32Const(4),
    op.i32Add,
    op.localTee(M.b),
    op.localGet(M.stride),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ],
};

/** wasm32 addresses at most 4 GiB. */
export const MAX_PAGES = MAX_WASM32_PAGES;

/** The kernels bound to one memory. Pointers are byte offsets; strides are bytes (multiples of 16). */
export interface Kernels {
  sgd(
    user: number,
    item: number,
    rating: number,
    start: number,
    end: number,
    p: number,
    q: number,
    userBias: number,
    itemBias: number,
    stride: number,
    mean: number,
    lr: number,
    reg: number,
    biasReg: number,
  ): number;
  accumulate(
    out: number,
    v: number,
    y: number,
    indices: number,
    data: number,
    start: number,
    end: number,
    stride: number,
    residual: number,
  ): void;
  symmetricTimes(out: number, m: number, v: number, stride: number): void;
}

let compiled: object | undefined;

/** Instantiates the kernels on `memory` (the module itself is compiled once per thread). */
export function kernelsFor(memory: WasmMemory): Kernels {
  compiled ??= new wasm.Module(
    encodeModule({ sgd, accumulate, symmetricTimes }, { maxPages: MAX_PAGES, shared: true }),
  );
  const instance = new wasm.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as Kernels;
}
