/**
 * The tree-walk kernels of @reco/scoring, in AssemblyScript (compiled by `asc` at build time into
 * dist/forest.wasm; see scripts/build-kernel.mjs). The plain-TypeScript twin that tests compare
 * them with is src/internal/flat-walk.ts.
 *
 * Memory is imported (`env.memory`); every pointer is a byte offset the caller laid out.
 *
 * `splitMissing` writes every input row twice, [lo | hi]: NaN becomes -Inf in `lo` and +Inf in
 * `hi`. A node whose missing values go left reads its feature from `lo`, one whose missing values
 * go right reads it from `hi` (the flat forest bakes the choice into each node's byte offset), so
 * the walk needs no NaN test at all: `x >= threshold` sends -Inf left and +Inf right, and a real
 * value where XGBoost sends it (`x < threshold` goes left).
 *
 * `scoreForest` walks perfect binary trees (see src/internal/flat-forest.ts) eight rows at a time.
 * The eight walks are independent chains of loads, so the CPU overlaps them; each level is
 * branch-free (`child = 2 node + 1 + (x >= threshold)`), so there are no mispredictions to pay for.
 */

/** f32.store(dst, NaN -> -Inf) and f32.store(dst + rowBytes, NaN -> +Inf), 4 values at a time. */
export function splitMissing(src: usize, dst: usize, nRows: i32, rowBytes: i32): void {
  const end = src + <usize>nRows * <usize>rowBytes;
  const hi = <usize>rowBytes;
  const lows = f32x4.splat(-Infinity);
  const highs = f32x4.splat(Infinity);
  while (src < end) {
    const rowEnd = src + hi;
    // Whole vectors first, then the tail of the row one value at a time.
    const vectorEnd = rowEnd - (hi & 15);
    while (src < vectorEnd) {
      const v = v128.load(src);
      const missing = f32x4.ne(v, v);
      v128.store(dst, v128.bitselect(lows, v, missing));
      v128.store(dst + hi, v128.bitselect(highs, v, missing));
      src += 16;
      dst += 16;
    }
    while (src < rowEnd) {
      const v = load<f32>(src);
      const missing = v != v;
      store<f32>(dst, select<f32>(-Infinity, v, missing));
      store<f32>(dst + hi, select<f32>(Infinity, v, missing));
      src += 4;
      dst += 4;
    }
    dst += hi; // skip the hi half just written
  }
}

/**
 * One level of one row's walk. `node` is the byte offset of the current node record
 * (i32 feature byte offset, f32 threshold) in its tree; returns the child's: 2 i + 1 + go, in bytes.
 */
// @ts-ignore: decorator
@inline
function descend(tree: usize, node: usize, row: usize): usize {
  const at = tree + node;
  const go = <usize>(load<f32>(row + <usize>load<u32>(at)) >= load<f32>(at, 4));
  return (node << 1) + 8 + (go << 3);
}

/**
 * Adds every tree's leaf to `out[r]` for rows r in [0, nRows): `nRows` a multiple of 8, `nTrees`
 * and `depth` >= 1. Sums are f32, tree by tree from the base margin already in `out`: XGBoost's
 * own order and precision.
 */
export function scoreForest(
  rows: usize,
  nRows: i32,
  rowBytes: i32,
  nodes: usize,
  leaves: usize,
  nTrees: i32,
  depth: i32,
  out: usize,
): void {
  const nodeBytes = <usize>((1 << depth) - 1) << 3; // internal nodes of one tree
  const leafBytes = <usize>(1 << depth) << 2;
  const stride = <usize>rowBytes;
  for (let r = 0; r < nRows; r += 8) {
    const row0 = rows + <usize>r * stride;
    const row1 = row0 + stride;
    const row2 = row1 + stride;
    const row3 = row2 + stride;
    const row4 = row3 + stride;
    const row5 = row4 + stride;
    const row6 = row5 + stride;
    const row7 = row6 + stride;
    const o = out + (<usize>r << 2);
    let s0 = load<f32>(o, 0);
    let s1 = load<f32>(o, 4);
    let s2 = load<f32>(o, 8);
    let s3 = load<f32>(o, 12);
    let s4 = load<f32>(o, 16);
    let s5 = load<f32>(o, 20);
    let s6 = load<f32>(o, 24);
    let s7 = load<f32>(o, 28);
    let tree = nodes;
    // Offset so that `leaf + node / 2` addresses leaf (node - internal) once the walk ends.
    let leaf = leaves - (nodeBytes >> 1);
    // do-while: nTrees and depth are >= 1, and the test at the bottom saves a branch per turn.
    let t = nTrees;
    do {
      let n0: usize = 0;
      let n1: usize = 0;
      let n2: usize = 0;
      let n3: usize = 0;
      let n4: usize = 0;
      let n5: usize = 0;
      let n6: usize = 0;
      let n7: usize = 0;
      let d = depth;
      do {
        n0 = descend(tree, n0, row0);
        n1 = descend(tree, n1, row1);
        n2 = descend(tree, n2, row2);
        n3 = descend(tree, n3, row3);
        n4 = descend(tree, n4, row4);
        n5 = descend(tree, n5, row5);
        n6 = descend(tree, n6, row6);
        n7 = descend(tree, n7, row7);
      } while (--d > 0);
      s0 += load<f32>(leaf + (n0 >> 1));
      s1 += load<f32>(leaf + (n1 >> 1));
      s2 += load<f32>(leaf + (n2 >> 1));
      s3 += load<f32>(leaf + (n3 >> 1));
      s4 += load<f32>(leaf + (n4 >> 1));
      s5 += load<f32>(leaf + (n5 >> 1));
      s6 += load<f32>(leaf + (n6 >> 1));
      s7 += load<f32>(leaf + (n7 >> 1));
      tree += nodeBytes;
      leaf += leafBytes;
    } while (--t > 0);
    store<f32>(o, s0, 0);
    store<f32>(o, s1, 4);
    store<f32>(o, s2, 8);
    store<f32>(o, s3, 12);
    store<f32>(o, s4, 16);
    store<f32>(o, s5, 20);
    store<f32>(o, s6, 24);
    store<f32>(o, s7, 28);
  }
}
