/**
 * XGBoost's JSON model, flattened for the WebAssembly walk in `kernels.ts`.
 *
 * Every tree is padded to a perfect binary tree of the forest's greatest depth D, stored
 * breadth-first: node i has children 2i + 1 and 2i + 2, the 2^D - 1 internal nodes first, then the
 * 2^D leaves. A leaf XGBoost reached early is copied to every padded leaf below it (the padded
 * nodes above split on anything: both sides give the same value). So every walk is exactly D
 * branch-free steps, and the layout needs no child pointers. It grows as 2^D, which is why deep
 * forests stay with libxgboost (`MAX_FLAT_DEPTH`). Internal.
 */
import { isRecord } from '../model-file';
import { NODE_BYTES } from './kernels';

/** Deeper forests are scored by libxgboost: the padded layout would grow past a few MB per tree. */
export const MAX_FLAT_DEPTH = 12;

/** Flat forests larger than this stay with libxgboost (the scorer's memory is a wasm32 one). */
export const MAX_FLAT_BYTES = 512 * 2 ** 20;

/** The link from summed margins to `predictProba`'s output. */
export type Link = 'logistic' | 'identity';

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
  /** The margin every row starts from (XGBoost's `base_score`, through the link's inverse). */
  readonly baseMargin: number;
  readonly link: Link;
}

/** A flat forest, or why this model stays with libxgboost. */
export type FlattenResult =
  | { readonly ok: true; readonly forest: FlatForest }
  | { readonly ok: false; readonly reason: string };

interface JsonTree {
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly feature: readonly number[];
  readonly condition: readonly number[];
  readonly defaultLeft: readonly unknown[];
}

const LINKS: Readonly<Record<string, Link>> = {
  'binary:logistic': 'logistic',
  'reg:logistic': 'logistic',
  'binary:logitraw': 'identity',
};

/** Flattens a parsed XGBoost JSON model (the document `XGBoosterSaveModelToBuffer` writes). */
export function flattenForest(model: unknown): FlattenResult {
  const learner = isRecord(model) ? model.learner : undefined;
  if (!isRecord(learner)) return unsupported('the document has no learner');
  const booster = learner.gradient_booster;
  if (!isRecord(booster) || booster.name !== 'gbtree' || !isRecord(booster.model)) {
    return unsupported(`booster '${isRecord(booster) ? String(booster.name) : '?'}' is not gbtree`);
  }
  const objective = isRecord(learner.objective) ? String(learner.objective.name) : '?';
  const link = LINKS[objective];
  if (link === undefined) return unsupported(`objective '${objective}' is not a binary logistic one`);
  const params = isRecord(learner.learner_model_param) ? learner.learner_model_param : {};
  const nFeatures = Number(params.num_feature);
  const baseScore = Number(params.base_score);
  if (!Number.isInteger(nFeatures) || nFeatures < 1) return unsupported('num_feature is missing');
  if (!(baseScore > 0 && baseScore < 1) && link === 'logistic')
    return unsupported('base_score is not in (0, 1)');
  if (Number(params.num_class ?? 0) > 1) return unsupported('multi-class models are not flattened');

  const rawTrees = booster.model.trees;
  if (!Array.isArray(rawTrees) || rawTrees.length === 0) return unsupported('the model has no trees');
  const trees: JsonTree[] = [];
  for (const [index, raw] of rawTrees.entries()) {
    const tree = readTree(raw, nFeatures);
    if (typeof tree === 'string') return unsupported(`tree ${index}: ${tree}`);
    trees.push(tree);
  }
  let depth = 1;
  for (const [index, tree] of trees.entries()) {
    const treeDepth = depthOf(tree);
    if (treeDepth === null) return unsupported(`tree ${index} is deeper than ${MAX_FLAT_DEPTH} levels`);
    depth = Math.max(depth, treeDepth);
  }

  const internal = 2 ** depth - 1;
  const bytes = trees.length * (internal * NODE_BYTES + (internal + 1) * 4);
  if (bytes > MAX_FLAT_BYTES) {
    return unsupported(`the flat forest would take ${(bytes / 2 ** 20).toFixed(0)} MiB`);
  }
  const nodes = new ArrayBuffer(trees.length * internal * NODE_BYTES);
  const offsets = new Int32Array(nodes);
  const thresholds = new Float32Array(nodes);
  const leaves = new Float32Array(trees.length * (internal + 1));
  const rowBytes = nFeatures * 4;
  trees.forEach((tree, t) => {
    // Breadth-first copy: (XGBoost node, flat slot, level).
    const pending: [number, number, number][] = [[0, 0, 0]];
    for (let item = pending.pop(); item; item = pending.pop()) {
      const [node, slot, level] = item;
      if (level === depth) {
        leaves[t * (internal + 1) + slot - internal] = tree.condition[node]!;
        continue;
      }
      const isLeaf = tree.left[node] === -1;
      const record = (t * internal + slot) * 2;
      // A padded node: feature 0, threshold 0; both children carry the same leaf.
      offsets[record] = isLeaf ? 0 : tree.feature[node]! * 4 + (tree.defaultLeft[node] ? 0 : rowBytes);
      thresholds[record + 1] = isLeaf ? 0 : tree.condition[node]!;
      pending.push(
        [isLeaf ? node : tree.left[node]!, 2 * slot + 1, level + 1],
        [isLeaf ? node : tree.right[node]!, 2 * slot + 2, level + 1],
      );
    }
  });

  // XGBoost computes the base margin in f32: -log(1 / base_score - 1). `+ 0` turns -0 into 0.
  const baseMargin =
    (link === 'logistic'
      ? Math.fround(-Math.log(Math.fround(Math.fround(1 / baseScore) - 1)))
      : Math.fround(baseScore)) + 0;
  return { ok: true, forest: { nFeatures, nTrees: trees.length, depth, nodes, leaves, baseMargin, link } };
}

function unsupported(reason: string): FlattenResult {
  return { ok: false, reason };
}

/** The arrays of one tree, checked: a string says what is wrong. */
function readTree(raw: unknown, nFeatures: number): JsonTree | string {
  if (!isRecord(raw)) return 'not an object';
  const { left_children, right_children, split_indices, split_conditions, default_left, split_type } = raw;
  const arrays = [left_children, right_children, split_indices, split_conditions, default_left];
  if (!arrays.every(Array.isArray)) return 'node arrays are missing';
  const n = (left_children as unknown[]).length;
  if (n === 0 || !arrays.every((a) => (a as unknown[]).length === n)) return 'node arrays differ in length';
  if (Array.isArray(split_type) && split_type.some((type) => type !== 0)) return 'has categorical splits';
  const tree: JsonTree = {
    left: left_children as number[],
    right: right_children as number[],
    feature: split_indices as number[],
    condition: split_conditions as number[],
    defaultLeft: default_left as unknown[],
  };
  for (let i = 0; i < n; i++) {
    const left = tree.left[i]!;
    const isLeaf = left === -1;
    if (typeof tree.condition[i] !== 'number') return `node ${i} has no numeric split condition`;
    if (isLeaf) continue;
    const right = tree.right[i]!;
    if (!(left >= 0 && left < n && right >= 0 && right < n)) return `node ${i} has children out of range`;
    const feature = tree.feature[i]!;
    if (!(Number.isInteger(feature) && feature >= 0 && feature < nFeatures)) {
      return `node ${i} splits on feature ${feature} of ${nFeatures}`;
    }
  }
  return tree;
}

/**
 * Levels below the root (0 for a lone leaf), or null past MAX_FLAT_DEPTH. The walk is bounded by
 * that depth, so a malformed tree with a cycle ends here too.
 */
function depthOf(tree: JsonTree): number | null {
  let deepest = 0;
  const pending: [number, number][] = [[0, 0]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, level] = item;
    if (level > MAX_FLAT_DEPTH) return null;
    deepest = Math.max(deepest, level);
    if (tree.left[node] !== -1) pending.push([tree.left[node]!, level + 1], [tree.right[node]!, level + 1]);
  }
  return deepest;
}
