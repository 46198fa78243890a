/**
 * The two WebAssembly kernels of the forest scorer, written as flat instruction lists in WAT order
 * with the WAT in comments.
 *
 * `splitMissing` writes every input row twice, [lo | hi]: NaN becomes -Inf in `lo` and +Inf in
 * `hi`. A node whose missing values go left reads its feature from `lo`, one whose missing values
 * go right reads it from `hi` (the flat forest bakes the choice into each node's byte offset), so
 * the walk needs no NaN test at all: `x >= threshold` sends -Inf left and +Inf right, and a real
 * value where XGBoost sends it (`x < threshold` is left).
 *
 * `scoreForest` walks perfect binary trees (see `flat-forest.ts`) eight rows at a time. The eight
 * walks are independent chains of loads, so the CPU overlaps them; each level is branch-free
 * (`child = 2 node + 1 + (x >= threshold)`), so there are no mispredictions to pay for. Internal.
 */
import { type Bytes, encodeModule, type FunctionCode, op, valueType } from '@reco/wasm-kit';

const { i32, f32 } = valueType;

/** Rows `scoreForest` walks at once; callers pass a row count that is a multiple of it. */
export const ROWS_PER_BLOCK = 8;

/** Bytes per node record: the feature's byte offset in a doubled row (i32), then the threshold (f32). */
export const NODE_BYTES = 8;

// --- splitMissing ------------------------------------------------------------------------------
// (func $splitMissing (param $src $dst $nRows $rowBytes i32) (local $end $rowEnd i32) (local $v f32)
//   end = src + nRows * rowBytes
//   loop $rows
//     rowEnd = src + rowBytes
//     loop $cols
//       v = f32.load(src)
//       f32.store(dst, select(-inf, v, v != v))
//       f32.store(dst + rowBytes, select(+inf, v, v != v))
//       src += 4; dst += 4
//       br_if $cols (src <u rowEnd)
//     dst += rowBytes                      ;; skip the hi half just written
//     br_if $rows (src <u end)
// Callers pass nRows >= 1 and rowBytes >= 4.
const M = { src: 0, dst: 1, nRows: 2, rowBytes: 3, end: 4, rowEnd: 5, v: 6 } as const;

/** `f32.store(dst + extra, select(replacement, v, v != v))`. */
const storeReplacingNaN = (extra: readonly Bytes[], replacement: number): Bytes[] => [
  op.localGet(M.dst),
  ...extra,
  op.f32Const(replacement),
  op.localGet(M.v),
  op.localGet(M.v),
  op.localGet(M.v),
  op.f32Ne,
  op.select,
  op.f32Store(),
];

const splitMissing: FunctionCode = {
  params: [i32, i32, i32, i32],
  results: [],
  locals: [i32, i32, f32],
  body: [
    op.localGet(M.src),
    op.localGet(M.nRows),
    op.localGet(M.rowBytes),
    op.i32Mul,
    op.i32Add,
    op.localSet(M.end),
    op.loop,
    op.localGet(M.src),
    op.localGet(M.rowBytes),
    op.i32Add,
    op.localSet(M.rowEnd),
    op.loop,
    op.localGet(M.src),
    op.f32Load(),
    op.localSet(M.v),
    ...storeReplacingNaN([], Number.NEGATIVE_INFINITY),
    ...storeReplacingNaN([op.localGet(M.rowBytes), op.i32Add], Number.POSITIVE_INFINITY),
    op.localGet(M.src),
    op.i32Const(4),
    op.i32Add,
    op.localSet(M.src),
    op.localGet(M.dst),
    op.i32Const(4),
    op.i32Add,
    op.localSet(M.dst),
    op.localGet(M.src),
    op.localGet(M.rowEnd),
    op.i32LtU,
    op.brIf(0),
    op.end,
    op.localGet(M.dst),
    op.localGet(M.rowBytes),
    op.i32Add,
    op.localSet(M.dst),
    op.localGet(M.src),
    op.localGet(M.end),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ],
};

// --- scoreForest -------------------------------------------------------------------------------
// (func $scoreForest (param $rows $nRows $rowBytes $nodes $leaves $nTrees $depth $out i32)
//   nodeBytes = ((1 << depth) - 1) * 8          ;; internal nodes of one tree
//   leafBytes = (1 << depth) * 4
//   for r = 0; r < nRows; r += 8                ;; a block of eight rows
//     row_j = rows + (r + j) * rowBytes;  sum_j = out[r + j]
//     tree = nodes;  leaf = leaves - nodeBytes / 2   ;; so leaf + node/2 addresses leaf (node - internal)
//     for t = 0; t < nTrees; t++
//       node_j = 0                              ;; byte offset of the current node in the tree
//       for d = depth; d > 0; d--
//         at = tree + node_j
//         go = f32.load(row_j + i32.load(at)) >= f32.load offset=4 (at)
//         node_j = 2 node_j + 8 + (go << 3)     ;; child 2i + 1 + go, in bytes
//       sum_j += f32.load(leaf + node_j / 2)
//       tree += nodeBytes;  leaf += leafBytes
//     out[r + j] = sum_j
// Sums are f32, added tree by tree from the base margin in `out`: XGBoost's own order and precision.
const R = ROWS_PER_BLOCK;
const J = Array.from({ length: R }, (_, j) => j);
const S = {
  rows: 0,
  nRows: 1,
  rowBytes: 2,
  nodes: 3,
  leaves: 4,
  nTrees: 5,
  depth: 6,
  out: 7,
  // locals
  r: 8,
  t: 9,
  tree: 10,
  leaf: 11,
  d: 12,
  nodeBytes: 13,
  leafBytes: 14,
  at: 15,
  row: J.map((j) => 16 + j),
  node: J.map((j) => 16 + R + j),
  sum: J.map((j) => 16 + 2 * R + j),
} as const;

/** One level of row j's walk. */
const descend = (j: number) => [
  op.localGet(S.tree),
  op.localGet(S.node[j]!),
  op.i32Add,
  op.localTee(S.at),
  op.i32Load(),
  op.localGet(S.row[j]!),
  op.i32Add,
  op.f32Load(),
  op.localGet(S.at),
  op.f32Load(4),
  op.f32Ge,
  op.i32Const(3),
  op.i32Shl,
  op.localGet(S.node[j]!),
  op.i32Const(1),
  op.i32Shl,
  op.i32Add,
  op.i32Const(8),
  op.i32Add,
  op.localSet(S.node[j]!),
];

/** `out + 4 r`, the address of out[r]. */
const outAt = [op.localGet(S.out), op.localGet(S.r), op.i32Const(2), op.i32Shl, op.i32Add];

const scoreForest: FunctionCode = {
  params: [i32, i32, i32, i32, i32, i32, i32, i32],
  results: [],
  locals: [...Array<number>(8 + 2 * R).fill(i32), ...Array<number>(R).fill(f32)] as FunctionCode['locals'],
  body: [
    op.i32Const(1),
    op.localGet(S.depth),
    op.i32Shl,
    op.i32Const(1),
    op.i32Sub,
    op.i32Const(3),
    op.i32Shl,
    op.localSet(S.nodeBytes),
    op.i32Const(1),
    op.localGet(S.depth),
    op.i32Shl,
    op.i32Const(2),
    op.i32Shl,
    op.localSet(S.leafBytes),
    op.i32Const(0),
    op.localSet(S.r),
    op.loop,
    // row_0 = rows + r * rowBytes; row_j = row_{j-1} + rowBytes
    op.localGet(S.rows),
    op.localGet(S.r),
    op.localGet(S.rowBytes),
    op.i32Mul,
    op.i32Add,
    op.localSet(S.row[0]!),
    ...J.slice(1).flatMap((j) => [
      op.localGet(S.row[j - 1]!),
      op.localGet(S.rowBytes),
      op.i32Add,
      op.localSet(S.row[j]!),
    ]),
    ...J.flatMap((j) => [...outAt, op.f32Load(4 * j), op.localSet(S.sum[j]!)]),
    op.i32Const(0),
    op.localSet(S.t),
    op.localGet(S.nodes),
    op.localSet(S.tree),
    op.localGet(S.leaves),
    op.localGet(S.nodeBytes),
    op.i32Const(1),
    op.i32ShrU,
    op.i32Sub,
    op.localSet(S.leaf),
    op.loop,
    ...J.flatMap((j) => [op.i32Const(0), op.localSet(S.node[j]!)]),
    op.localGet(S.depth),
    op.localSet(S.d),
    op.loop,
    ...J.flatMap(descend),
    op.localGet(S.d),
    op.i32Const(1),
    op.i32Sub,
    op.localTee(S.d),
    op.brIf(0),
    op.end,
    ...J.flatMap((j) => [
      op.localGet(S.sum[j]!),
      op.localGet(S.leaf),
      op.localGet(S.node[j]!),
      op.i32Const(1),
      op.i32ShrU,
      op.i32Add,
      op.f32Load(),
      op.f32Add,
      op.localSet(S.sum[j]!),
    ]),
    op.localGet(S.tree),
    op.localGet(S.nodeBytes),
    op.i32Add,
    op.localSet(S.tree),
    op.localGet(S.leaf),
    op.localGet(S.leafBytes),
    op.i32Add,
    op.localSet(S.leaf),
    op.localGet(S.t),
    op.i32Const(1),
    op.i32Add,
    op.localTee(S.t),
    op.localGet(S.nTrees),
    op.i32LtU,
    op.brIf(0),
    op.end,
    ...J.flatMap((j) => [...outAt, op.localGet(S.sum[j]!), op.f32Store(4 * j)]),
    op.localGet(S.r),
    op.i32Const(R),
    op.i32Add,
    op.localTee(S.r),
    op.localGet(S.nRows),
    op.i32LtU,
    op.brIf(0),
    op.end,
  ],
};

export interface ForestKernels {
  /** See `splitMissing` above; `rowBytes` is 4 x the feature count. */
  splitMissing(src: number, dst: number, nRows: number, rowBytes: number): void;
  /** See `scoreForest` above; `nRows` a multiple of ROWS_PER_BLOCK, `nTrees` and `depth` >= 1. */
  scoreForest(
    rows: number,
    nRows: number,
    rowBytes: number,
    nodes: number,
    leaves: number,
    nTrees: number,
    depth: number,
    out: number,
  ): void;
}

/** The most 64 KiB pages a scorer's memory may have (2 GiB; the kernels use i32 addresses). */
export const MAX_PAGES = 32_768;

/** The encoded module, built once per process. */
let encoded: Uint8Array | null = null;

export function forestModuleBytes(): Uint8Array {
  encoded ??= encodeModule({ splitMissing, scoreForest }, { maxPages: MAX_PAGES });
  return encoded;
}
