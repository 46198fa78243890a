import { describe, expect, it } from 'vitest';
import { flattenForest, MAX_FLAT_DEPTH } from './flat-forest';
import { ForestScorer } from './forest-scorer';

interface TreeSpec {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: number[];
  split_type?: number[];
}

/** An XGBoost JSON model document around the given trees (only the fields the flattener reads). */
function model(
  trees: TreeSpec[],
  overrides: { objective?: string; baseScore?: string; booster?: string } = {},
) {
  return {
    learner: {
      learner_model_param: { base_score: overrides.baseScore ?? '5E-1', num_class: '0', num_feature: '3' },
      objective: { name: overrides.objective ?? 'binary:logistic' },
      gradient_booster: { name: overrides.booster ?? 'gbtree', model: { trees } },
    },
  };
}

// Tree A:        f1 < 0.5 (missing -> left)
//              /                     \
//        leaf 0.25            f0 < 2 (missing -> right)
//                             /                 \
//                        leaf -0.5          leaf 0.75
const treeA: TreeSpec = {
  left_children: [1, -1, 3, -1, -1],
  right_children: [2, -1, 4, -1, -1],
  split_indices: [1, 0, 0, 0, 0],
  split_conditions: [0.5, 0.25, 2, -0.5, 0.75],
  default_left: [1, 0, 0, 0, 0],
};
// Tree B: a lone leaf.
const treeB: TreeSpec = {
  left_children: [-1],
  right_children: [-1],
  split_indices: [0],
  split_conditions: [0.125],
  default_left: [0],
};

/** Tree A's margin written out by hand from XGBoost's rule: `x < threshold` goes left, NaN goes the default way. */
function treeAByHand(f0: number, f1: number): number {
  const rootLeft = Number.isNaN(f1) ? true : f1 < 0.5;
  if (rootLeft) return 0.25;
  const innerLeft = Number.isNaN(f0) ? false : f0 < 2;
  return innerLeft ? -0.5 : 0.75;
}

function flat(document: unknown) {
  const result = flattenForest(document);
  if (!result.ok) throw new Error(result.reason);
  return result.forest;
}

describe('flattenForest', () => {
  it('pads every tree to the deepest one, copying early leaves down', () => {
    const forest = flat(model([treeA, treeB]));
    expect(forest).toMatchObject({ nFeatures: 3, nTrees: 2, depth: 2, link: 'logistic', baseMargin: 0 });
    // Two trees x 3 internal slots x (offset, threshold); then 4 leaves each.
    const offsets = new Int32Array(forest.nodes);
    const thresholds = new Float32Array(forest.nodes);
    // Root of A: feature 1, missing left, so it reads the `lo` half at byte 4.
    expect([offsets[0], thresholds[1]]).toEqual([4, 0.5]);
    // Slot 2 (A's inner node): feature 0, missing right, so the `hi` half starts after 3 features.
    expect([offsets[4], thresholds[5]]).toEqual([12, 2]);
    expect(Array.from(forest.leaves)).toEqual([0.25, 0.25, -0.5, 0.75, 0.125, 0.125, 0.125, 0.125]);
  });

  it('turns base_score into a margin through the link', () => {
    expect(flat(model([treeB], { baseScore: '3E-1' })).baseMargin).toBeCloseTo(Math.log(0.3 / 0.7), 6);
    expect(flat(model([treeB], { objective: 'binary:logitraw', baseScore: '0' })).link).toBe('identity');
  });

  it.each([
    ['a dart booster', model([treeA], { booster: 'dart' }), /not gbtree/],
    ['a regression objective', model([treeA], { objective: 'reg:squarederror' }), /not a binary logistic/],
    ['categorical splits', model([{ ...treeA, split_type: [1, 0, 0, 0, 0] }]), /categorical/],
    ['a feature out of range', model([{ ...treeA, split_indices: [7, 0, 0, 0, 0] }]), /feature 7 of 3/],
    ['children out of range', model([{ ...treeA, right_children: [9, -1, 4, -1, -1] }]), /out of range/],
    ['arrays of different lengths', model([{ ...treeA, default_left: [1] }]), /differ in length/],
    ['no trees', model([]), /no trees/],
    ['a document without a learner', { version: [1, 7, 4] }, /no learner/],
  ])('leaves %s to libxgboost, saying why', (_, document, reason) => {
    const result = flattenForest(document);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it(`leaves trees deeper than ${MAX_FLAT_DEPTH} levels (or cyclic ones) to libxgboost`, () => {
    // A chain: node i splits into leaf 2i+1... built as a left spine of depth MAX + 1.
    const depth = MAX_FLAT_DEPTH + 1;
    const n = 2 * depth + 1;
    const spine: TreeSpec = {
      left_children: Array.from({ length: n }, (_, i) => (i % 2 === 0 && i < n - 1 ? i + 2 : -1)),
      right_children: Array.from({ length: n }, (_, i) => (i % 2 === 0 && i < n - 1 ? i + 1 : -1)),
      split_indices: new Array<number>(n).fill(0),
      split_conditions: new Array<number>(n).fill(1),
      default_left: new Array<number>(n).fill(1),
    };
    expect(flattenForest(model([spine]))).toMatchObject({ ok: false, reason: /deeper than 12/ });
    const cyclic: TreeSpec = { ...treeA, left_children: [1, -1, 0, -1, -1] };
    expect(flattenForest(model([cyclic]))).toMatchObject({ ok: false, reason: /deeper than 12/ });
  });
});

describe('ForestScorer on a hand-made forest', () => {
  it("follows XGBoost's rules for thresholds, missing values and infinities", () => {
    const scorer = new ForestScorer(flat(model([treeA, treeB])));
    const cases: [number, number][] = [
      [0, 0], // root left
      [0, 0.5], // exactly at the threshold: right (x < t goes left)
      [1.99, 3], // inner left
      [2, 3], // inner threshold: right
      [Number.NaN, 3], // inner missing: right
      [0, Number.NaN], // root missing: left
      [Number.NaN, Number.NaN],
      [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY], // infinities are values, not missing
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    ];
    const X = new Float32Array(cases.flatMap(([f0, f1]) => [f0, f1, 42]));
    const p = scorer.predict(X, cases.length);
    cases.forEach(([f0, f1], i) => {
      const margin = treeAByHand(f0, f1) + 0.125;
      expect(p[i]).toBeCloseTo(1 / (1 + Math.exp(-margin)), 6);
    });
  });

  it('scores any row count, across chunk and block boundaries, the same as row by row', () => {
    const scorer = new ForestScorer(flat(model([treeA, treeB])));
    const nRows = 20_011; // several chunks, and a tail that is not a whole block
    const X = new Float32Array(nRows * 3);
    for (let i = 0; i < X.length; i++) X[i] = i % 17 === 0 ? Number.NaN : ((i * 7919) % 1000) / 250 - 1;
    const all = scorer.predict(X, nRows);
    expect(all).toHaveLength(nRows);
    for (const row of [0, 1, 7, 8, 4095, 12_345, nRows - 1]) {
      const one = scorer.predict(X.subarray(row * 3, row * 3 + 3), 1);
      expect(one[0]).toBe(all[row]);
      const margin = treeAByHand(X[row * 3]!, X[row * 3 + 1]!) + 0.125;
      expect(all[row]).toBeCloseTo(1 / (1 + Math.exp(-margin)), 6);
    }
    expect(scorer.predict(X, 0)).toHaveLength(0);
  });

  it('returns margins for binary:logitraw', () => {
    const scorer = new ForestScorer(
      flat(model([treeA, treeB], { objective: 'binary:logitraw', baseScore: '0' })),
    );
    const p = scorer.predict(new Float32Array([3, 1, 0]), 1);
    expect(p[0]).toBeCloseTo(0.75 + 0.125, 6);
  });
});
