/** The node arrays of XGBoost's JSON trees, checked and concatenated into one typed-array forest. */
import { isRecord } from './json';
import { invalid, type TreeModel } from './tree-model';

type ForestArrays = Pick<
  TreeModel,
  | 'nTrees'
  | 'treeRoot'
  | 'depth'
  | 'left'
  | 'right'
  | 'feature'
  | 'value'
  | 'defaultLeft'
  | 'catStart'
  | 'catWords'
  | 'catBits'
  | 'hasCategorical'
>;

interface RawTree {
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly feature: readonly number[];
  readonly value: readonly number[];
  readonly defaultLeft: readonly unknown[];
  /** Node id to its sorted category list (categorical splits only). */
  readonly categories: ReadonlyMap<number, readonly number[]>;
}

export function readTrees(trees: readonly unknown[], nFeatures: number, source: string): ForestArrays {
  const raw = trees.map((tree, t) =>
    readTree(tree, nFeatures, source, `learner.gradient_booster.model.trees[${t}]`),
  );
  const nNodes = raw.reduce((sum, tree) => sum + tree.left.length, 0);
  const left = new Int32Array(nNodes);
  const right = new Int32Array(nNodes);
  const feature = new Int32Array(nNodes);
  const value = new Float32Array(nNodes);
  const defaultLeft = new Uint8Array(nNodes);
  const catStart = new Int32Array(nNodes).fill(-1);
  const catWords = new Int32Array(nNodes);
  const bits: number[] = [];
  const treeRoot = new Int32Array(raw.length);
  let depth = 0;
  let at = 0;
  raw.forEach((tree, t) => {
    treeRoot[t] = at;
    depth = Math.max(depth, depthOf(tree, source, `learner.gradient_booster.model.trees[${t}]`));
    for (let i = 0; i < tree.left.length; i++) {
      const isLeaf = tree.left[i] === -1;
      left[at + i] = isLeaf ? -1 : at + tree.left[i]!;
      right[at + i] = isLeaf ? -1 : at + tree.right[i]!;
      feature[at + i] = isLeaf ? 0 : tree.feature[i]!;
      value[at + i] = tree.value[i]!;
      defaultLeft[at + i] = tree.defaultLeft[i] ? 1 : 0;
      const categories = tree.categories.get(i);
      if (categories === undefined || isLeaf) continue;
      // XGBoost's bitset: bit c of word c / 32 set when category c goes right.
      const words = categories.length === 0 ? 0 : Math.floor(Math.max(...categories) / 32) + 1;
      catStart[at + i] = bits.length;
      catWords[at + i] = words;
      const first = bits.length;
      for (let w = 0; w < words; w++) bits.push(0);
      for (const c of categories) bits[first + (c >>> 5)]! |= 1 << (c & 31);
    }
    at += tree.left.length;
  });
  const hasCategorical = raw.some((tree) => tree.categories.size > 0);
  const catBits = Uint32Array.from(bits, (word) => word >>> 0);
  return {
    nTrees: raw.length,
    treeRoot,
    depth,
    left,
    right,
    feature,
    value,
    defaultLeft,
    catStart,
    catWords,
    catBits,
    hasCategorical,
  };
}

function readTree(raw: unknown, nFeatures: number, source: string, field: string): RawTree {
  if (!isRecord(raw)) throw invalid('a tree is not an object', source, field);
  const { left_children, right_children, split_indices, split_conditions, default_left } = raw;
  const arrays = [left_children, right_children, split_indices, split_conditions, default_left];
  if (!arrays.every(Array.isArray)) throw invalid('node arrays are missing', source, field);
  const n = (left_children as unknown[]).length;
  if (n === 0 || !arrays.every((a) => (a as unknown[]).length === n)) {
    throw invalid('node arrays differ in length', source, field);
  }
  const tree: RawTree = {
    left: left_children as number[],
    right: right_children as number[],
    feature: split_indices as number[],
    value: split_conditions as number[],
    defaultLeft: default_left as unknown[],
    categories: readCategories(raw, n, source, field),
  };
  for (let i = 0; i < n; i++) {
    if (typeof tree.value[i] !== 'number')
      throw invalid(`node ${i} has no numeric split condition`, source, `${field}.split_conditions`);
    const l = tree.left[i]!;
    if (l === -1) continue;
    const r = tree.right[i]!;
    if (!(Number.isInteger(l) && Number.isInteger(r) && l > 0 && l < n && r > 0 && r < n)) {
      throw invalid(`node ${i} has children out of range`, source, `${field}.left_children`);
    }
    const f = tree.feature[i]!;
    if (!(Number.isInteger(f) && f >= 0 && f < nFeatures)) {
      throw invalid(`node ${i} splits on feature ${f} of ${nFeatures}`, source, `${field}.split_indices`);
    }
  }
  return tree;
}

/** The category lists of categorical split nodes (split_type 1), from XGBoost's segmented arrays. */
function readCategories(
  raw: Record<string, unknown>,
  n: number,
  source: string,
  field: string,
): Map<number, number[]> {
  const result = new Map<number, number[]>();
  const types = raw.split_type;
  if (!Array.isArray(types) || types.every((type) => type === 0)) return result;
  const { categories, categories_nodes, categories_segments, categories_sizes } = raw;
  const parts = [categories, categories_nodes, categories_segments, categories_sizes];
  if (!parts.every((part) => Array.isArray(part) && part.every((v) => Number.isInteger(v) && v >= 0))) {
    throw invalid('categorical splits without their category arrays', source, `${field}.categories`);
  }
  const [cats, nodes, segments, sizes] = parts as number[][];
  nodes!.forEach((node, k) => {
    const start = segments![k]!;
    const size = sizes![k]!;
    if (node >= n || start + size > cats!.length)
      throw invalid('category segments out of range', source, `${field}.categories_segments`);
    result.set(node, cats!.slice(start, start + size));
  });
  for (let i = 0; i < n; i++) {
    if (types[i] === 1 && !result.has(i)) result.set(i, []);
  }
  return result;
}

/**
 * Levels below the root (0 for a lone leaf). Every node may be reached once: a node reached twice
 * (a cycle, or shared children) makes the tree invalid, so no walk can loop.
 */
function depthOf(tree: RawTree, source: string, field: string): number {
  const seen = new Uint8Array(tree.left.length);
  let deepest = 0;
  const pending: [number, number][] = [[0, 0]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [node, level] = item;
    if (seen[node]) throw invalid(`node ${node} is reached twice`, source, `${field}.left_children`);
    seen[node] = 1;
    deepest = Math.max(deepest, level);
    if (tree.left[node] !== -1) pending.push([tree.left[node]!, level + 1], [tree.right[node]!, level + 1]);
  }
  return deepest;
}
