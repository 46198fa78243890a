/**
 * A tree model flattened for the WebAssembly walk (assembly/forest.ts).
 *
 * Every tree is padded to a perfect binary tree of the forest's greatest depth D, stored
 * breadth-first: node i has children 2i + 1 and 2i + 2, the 2^D - 1 internal nodes first, then the
 * 2^D leaves. A leaf XGBoost reached early is copied to every padded leaf below it (the padded
 * nodes above split on anything: both sides give the same value). So every walk is exactly D
 * branch-free steps, and the layout needs no child pointers. It grows as 2^D, which is why deep
 * forests stay with the TypeScript walk (`MAX_FLAT_DEPTH`).
 */
import type { TreeModel } from './tree-model';

/** Deeper forests take the TypeScript walk: the padded layout would grow past a few MB per tree. */
export const MAX_FLAT_DEPTH = 12;

/** Flat forests larger than this take the TypeScript walk (the kernel's memory is a wasm32 one). */
export const MAX_FLAT_BYTES = 512 * 2 ** 20;

/** Bytes per node record: the feature's byte offset in a doubled row (i32), then the threshold (f32). */
export const NODE_BYTES = 8;

export interface FlatForest {
  readonly nFeatures: number;
  readonly nTrees: number;
  /** D, the depth every tree is padded to (at least 1). */
  readonly depth: number;
  /**
   * (2^D - 1) node records per tree, NODE_BYTES each: the byte offset of the node's feature in a
   * row doubled by `splitMissing` (the `hi` half when missing values go right), then the threshold.
   */
  readonly nodes: ArrayBuffer;
  /** 2^D leaf values per tree. */
  readonly leaves: Float32Array;
  readonly baseMargin: number;
  readonly link: 'logistic' | 'identity';
}

/** Why the kernel cannot take this model, or null when it can. */
export function flatUnsupportedReason(model: TreeModel): string | null {
  if (model.booster !== 'gbtree') return `booster '${model.booster}' is not gbtree`;
  if (model.link === 'softmax') return 'multi-class models are not flattened';
  if (model.hasCategorical) return 'the model has categorical splits';
  if (model.depth > MAX_FLAT_DEPTH) return `a tree is deeper than ${MAX_FLAT_DEPTH} levels`;
  const bytes = flatBytes(model.nTrees, Math.max(1, model.depth));
  if (bytes > MAX_FLAT_BYTES) return `the flat forest would take ${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return null;
}

function flatBytes(nTrees: number, depth: number): number {
  const internal = 2 ** depth - 1;
  return nTrees * (internal * NODE_BYTES + (internal + 1) * 4);
}

/** Flattens a model `flatUnsupportedReason` accepted. */
export function flattenForest(model: TreeModel): FlatForest {
  const { nTrees, nFeatures, treeRoot, left, right, feature, value, defaultLeft } = model;
  const depth = Math.max(1, model.depth);
  const internal = 2 ** depth - 1;
  const nodes = new ArrayBuffer(nTrees * internal * NODE_BYTES);
  const offsets = new Int32Array(nodes);
  const thresholds = new Float32Array(nodes);
  const leaves = new Float32Array(nTrees * (internal + 1));
  const rowBytes = nFeatures * 4;
  for (let t = 0; t < nTrees; t++) {
    // Depth-first copy: (node, flat slot, level).
    const pending: [number, number, number][] = [[treeRoot[t]!, 0, 0]];
    for (let item = pending.pop(); item; item = pending.pop()) {
      const [node, slot, level] = item;
      if (level === depth) {
        leaves[t * (internal + 1) + slot - internal] = value[node]!;
        continue;
      }
      const isLeaf = left[node] === -1;
      const record = (t * internal + slot) * 2;
      // A padded node: feature 0, threshold 0; both children carry the same leaf.
      offsets[record] = isLeaf ? 0 : feature[node]! * 4 + (defaultLeft[node] ? 0 : rowBytes);
      thresholds[record + 1] = isLeaf ? 0 : value[node]!;
      pending.push(
        [isLeaf ? node : left[node]!, 2 * slot + 1, level + 1],
        [isLeaf ? node : right[node]!, 2 * slot + 2, level + 1],
      );
    }
  }
  const link = model.link === 'logistic' ? 'logistic' : 'identity';
  return { nFeatures, nTrees, depth, nodes, leaves, baseMargin: model.baseMargin, link };
}
