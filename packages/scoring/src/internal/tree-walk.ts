/**
 * The plain-TypeScript tree walk: every model `readTreeModel` accepts (any depth, dart, categorical
 * splits, multi-class), and the oracle the WebAssembly kernel is tested against. XGBoost's rules:
 * `x < threshold` goes left, NaN goes the node's default way; sums are f32, tree by tree from the
 * base margin, as libxgboost adds them.
 */
import type { TreeModel } from './tree-model';

const fround = Math.fround;

/** Margins of `nRows` rows, `nGroups` per row (row-major). */
export function walkMargins(model: TreeModel, X: Float32Array, nRows: number): Float32Array {
  const { nFeatures, nGroups, nTrees, treeRoot, treeGroup, treeWeight, left, right, feature, value } = model;
  const margins = new Float32Array(nRows * nGroups).fill(model.baseMargin);
  for (let row = 0, o = 0; row < nRows; row++, o += nFeatures) {
    const m = row * nGroups;
    for (let t = 0; t < nTrees; t++) {
      let node = treeRoot[t]!;
      // A plain loop over typed arrays: one load and one compare per level, no allocation.
      while (left[node] !== -1) {
        const x = X[o + feature[node]!]!;
        node = goesLeft(model, node, x) ? left[node]! : right[node]!;
      }
      const leaf = treeWeight === null ? value[node]! : fround(treeWeight[t]! * value[node]!);
      const g = m + treeGroup[t]!;
      margins[g] = fround(margins[g]! + leaf);
    }
  }
  return margins;
}

function goesLeft(model: TreeModel, node: number, x: number): boolean {
  if (Number.isNaN(x)) return model.defaultLeft[node] === 1;
  const start = model.catStart[node]!;
  if (start < 0) return x < model.value[node]!;
  // XGBoost 1.7's categorical rule: categories in the node's set go right, others left; a value
  // outside the set's bitset (negative, or past its last word) goes the default way.
  const words = model.catWords[node]!;
  if (x < 0 || x >= words * 32) return model.defaultLeft[node] === 1;
  const c = Math.trunc(x);
  return ((model.catBits[start + (c >>> 5)]! >>> (c & 31)) & 1) === 0;
}
