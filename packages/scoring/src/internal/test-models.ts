/** Hand-made and random XGBoost JSON model documents for the tests (only the fields we read). */
import type { Rng } from '@reco/core';

export interface TreeSpec {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  split_type?: number[];
  categories?: number[];
  categories_nodes?: number[];
  categories_segments?: number[];
  categories_sizes?: number[];
}

export interface ModelOverrides {
  objective?: string;
  baseScore?: string;
  booster?: 'gbtree' | 'dart';
  weightDrop?: number[];
  numClass?: number;
  treeInfo?: number[];
  nFeatures?: number;
  attributes?: Record<string, string>;
}

/** An XGBoost JSON model document around `trees`. */
export function treeDocument(trees: TreeSpec[], o: ModelOverrides = {}): Record<string, unknown> {
  const model = { trees, tree_info: o.treeInfo ?? trees.map(() => 0) };
  const gbtree = { name: 'gbtree', model };
  return {
    learner: {
      attributes: o.attributes ?? {},
      learner_model_param: {
        base_score: o.baseScore ?? '5E-1',
        num_class: String(o.numClass ?? 0),
        num_feature: String(o.nFeatures ?? 3),
      },
      objective: { name: o.objective ?? 'binary:logistic' },
      gradient_booster:
        o.booster === 'dart'
          ? { name: 'dart', gbtree, weight_drop: o.weightDrop ?? trees.map(() => 1) }
          : gbtree,
    },
    version: [1, 7, 4],
  };
}

export function encode(document: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document));
}

// Tree A:        f1 < 0.5 (missing -> left)
//              /                     \
//        leaf 0.25            f0 < 2 (missing -> right)
//                             /                 \
//                        leaf -0.5          leaf 0.75
export const treeA: TreeSpec = {
  left_children: [1, -1, 3, -1, -1],
  right_children: [2, -1, 4, -1, -1],
  split_indices: [1, 0, 0, 0, 0],
  split_conditions: [0.5, 0.25, 2, -0.5, 0.75],
  default_left: [1, 0, 0, 0, 0],
};

/** A lone leaf. */
export const treeB: TreeSpec = {
  left_children: [-1],
  right_children: [-1],
  split_indices: [0],
  split_conditions: [0.125],
  default_left: [0],
};

/** Tree A's margin written out by hand from XGBoost's rule: `x < threshold` goes left, NaN the default way. */
export function treeAByHand(f0: number, f1: number): number {
  const rootLeft = Number.isNaN(f1) ? true : f1 < 0.5;
  if (rootLeft) return 0.25;
  const innerLeft = Number.isNaN(f0) ? false : f0 < 2;
  return innerLeft ? -0.5 : 0.75;
}

/** Thresholds are drawn from this small grid, so rows land exactly on them often. */
export const GRID = [-1, -0.5, 0, 0.25, 0.5, 1, 2];

/** A random tree of at most `maxDepth` levels (nodes numbered in creation order, as XGBoost does). */
export function randomTree(rng: Rng, nFeatures: number, maxDepth: number): TreeSpec {
  const tree: TreeSpec = {
    left_children: [],
    right_children: [],
    split_indices: [],
    split_conditions: [],
    default_left: [],
  };
  const grow = (level: number): number => {
    const id = tree.left_children.length;
    const split = level < maxDepth && (level === 0 || rng.nextFloat() < 0.8);
    tree.left_children.push(-1);
    tree.right_children.push(-1);
    tree.split_indices.push(split ? rng.nextInt(nFeatures) : 0);
    tree.split_conditions.push(split ? GRID[rng.nextInt(GRID.length)]! : Math.fround(rng.nextGaussian() / 4));
    tree.default_left.push(rng.nextInt(2));
    if (split) {
      tree.left_children[id] = grow(level + 1);
      tree.right_children[id] = grow(level + 1);
    }
    return id;
  };
  grow(0);
  return tree;
}

/** Rows of grid values, their neighbours, NaN and ±Infinity. */
export function randomRows(rng: Rng, nRows: number, nFeatures: number): Float32Array {
  const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const X = new Float32Array(nRows * nFeatures);
  for (let i = 0; i < X.length; i++) {
    const pick = rng.nextFloat();
    if (pick < 0.15) X[i] = specials[rng.nextInt(3)]!;
    else if (pick < 0.55) X[i] = GRID[rng.nextInt(GRID.length)]!;
    else X[i] = rng.nextGaussian();
  }
  return X;
}
