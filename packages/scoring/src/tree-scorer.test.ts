import { createRng, isRecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { randomRows, randomTree, treeA, treeAByHand, treeB, treeDocument } from './internal/test-models';
import { loadTreeScorer } from './tree-scorer';

const logistic = (margin: number) => 1 / (1 + Math.exp(-margin));

describe('the WebAssembly kernel against the TypeScript walk (the oracle)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'agrees bit for bit on random forest %i (ties, NaN, ±Infinity)',
    (seed) => {
      const rng = createRng(seed);
      const nFeatures = 1 + rng.nextInt(12);
      const maxDepth = 1 + rng.nextInt(12);
      const trees = Array.from({ length: 1 + rng.nextInt(40) }, () => randomTree(rng, nFeatures, maxDepth));
      const document = treeDocument(trees, { nFeatures, baseScore: String(0.05 + 0.9 * rng.nextFloat()) });
      const kernel = loadTreeScorer(document, { engine: 'wasm' });
      const oracle = loadTreeScorer(document, { engine: 'typescript' });
      expect([kernel.engine, oracle.engine]).toEqual(['wasm', 'typescript']);
      const nRows = 1 + rng.nextInt(3000);
      const X = randomRows(rng, nRows, nFeatures);
      const expected = oracle.predictProba(X, nRows);
      expect(kernel.predictProba(X, nRows)).toEqual(expected);
      // The probabilities are real ones, not a constant.
      expect(new Set(expected).size).toBeGreaterThan(trees.length > 3 ? 2 : 1);
    },
  );

  it('agrees on margins too (binary:logitraw), where no sigmoid can hide a difference', () => {
    const rng = createRng(99);
    const trees = Array.from({ length: 25 }, () => randomTree(rng, 5, 7));
    const document = treeDocument(trees, { nFeatures: 5, objective: 'binary:logitraw', baseScore: '0.3' });
    const X = randomRows(rng, 777, 5);
    const kernel = loadTreeScorer(document, { engine: 'wasm' }).predictProba(X, 777);
    expect(kernel).toEqual(loadTreeScorer(document, { engine: 'typescript' }).predictProba(X, 777));
  });
});

describe('both engines on a hand-made forest', () => {
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

  it.each(['wasm', 'typescript'] as const)(
    "%s follows XGBoost's rules for thresholds, NaN and infinities",
    (engine) => {
      const scorer = loadTreeScorer(treeDocument([treeA, treeB]), { engine });
      const X = new Float32Array(cases.flatMap(([f0, f1]) => [f0, f1, 42]));
      const p = scorer.predictProba(X, cases.length);
      cases.forEach(([f0, f1], i) => {
        expect(p[i]).toBeCloseTo(logistic(treeAByHand(f0, f1) + 0.125), 6);
      });
    },
  );

  it('scores any row count, across chunk and block boundaries, the same as row by row', () => {
    const scorer = loadTreeScorer(treeDocument([treeA, treeB]), { engine: 'wasm' });
    const nRows = 20_011; // several chunks, and a tail that is not a whole block
    const X = new Float32Array(nRows * 3);
    for (let i = 0; i < X.length; i++) X[i] = i % 17 === 0 ? Number.NaN : ((i * 7919) % 1000) / 250 - 1;
    const all = scorer.predictProba(X, nRows);
    expect(all).toHaveLength(nRows);
    for (const row of [0, 1, 7, 8, 4095, 12_345, nRows - 1]) {
      expect(scorer.predictProba(X.subarray(row * 3, row * 3 + 3), 1)[0]).toBe(all[row]);
      expect(all[row]).toBeCloseTo(logistic(treeAByHand(X[row * 3]!, X[row * 3 + 1]!) + 0.125), 6);
    }
    expect(scorer.predictProba(new Float32Array(0), 0)).toHaveLength(0);
  });

  it('turns base_score into a margin through the link', () => {
    const p = loadTreeScorer(treeDocument([treeB], { baseScore: '3E-1' })).predictProba(
      new Float32Array(3),
      1,
    );
    expect(p[0]).toBeCloseTo(logistic(Math.log(0.3 / 0.7) + 0.125), 6);
    const raw = loadTreeScorer(
      treeDocument([treeA, treeB], { objective: 'binary:logitraw', baseScore: '0' }),
    );
    expect(raw.predictProba(new Float32Array([3, 1, 0]), 1)[0]).toBeCloseTo(0.75 + 0.125, 6);
  });
});

describe('models the kernel does not take, through the TypeScript walk', () => {
  it('weights dart trees by weight_drop', () => {
    const document = treeDocument([treeA, treeB], { booster: 'dart', weightDrop: [0.5, 2] });
    const scorer = loadTreeScorer(document);
    expect(scorer).toMatchObject({ engine: 'typescript', engineReason: "booster 'dart' is not gbtree" });
    const p = scorer.predictProba(new Float32Array([3, 1, 0, 0, 0, 0]), 2);
    expect(p[0]).toBeCloseTo(logistic(0.5 * 0.75 + 2 * 0.125), 6);
    expect(p[1]).toBeCloseTo(logistic(0.5 * 0.25 + 2 * 0.125), 6);
  });

  it('sends the categories of a categorical split right, others left, unknown ones the default way', () => {
    // f2 in {1, 3, 40} -> right (leaf 1), else left (leaf -1); missing and out-of-set values default left.
    const categorical = {
      left_children: [1, -1, -1],
      right_children: [2, -1, -1],
      split_indices: [2, 0, 0],
      split_conditions: [0, -1, 1],
      default_left: [1, 0, 0],
      split_type: [1, 0, 0],
      categories: [1, 3, 40],
      categories_nodes: [0],
      categories_segments: [0],
      categories_sizes: [3],
    };
    const scorer = loadTreeScorer(
      treeDocument([categorical], { objective: 'binary:logitraw', baseScore: '0' }),
    );
    expect(scorer.engineReason).toBe('the model has categorical splits');
    const values = [1, 3, 40, 3.7, 0, 2, 39, 63, 64, 1000, -1, Number.NaN];
    const X = new Float32Array(values.flatMap((v) => [0, 0, v]));
    const expected = [1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1];
    expect(Array.from(scorer.predictProba(X, values.length))).toEqual(expected);
  });

  it('gives the softmax probability of class 1 for a multi-class model', () => {
    const document = treeDocument([treeA, treeB, treeB], {
      objective: 'multi:softprob',
      numClass: 3,
      treeInfo: [0, 1, 2],
    });
    const scorer = loadTreeScorer(document);
    expect(scorer.engineReason).toBe('multi-class models are not flattened');
    const p = scorer.predictProba(new Float32Array([3, 1, 0]), 1)[0]!;
    const margins = [0.5 + 0.75, 0.5 + 0.125, 0.5 + 0.125];
    const total = margins.reduce((sum, m) => sum + Math.exp(m), 0);
    expect(p).toBeCloseTo(Math.exp(margins[1]!) / total, 6);
  });

  it('walks trees deeper than the kernel takes', () => {
    const rng = createRng(5);
    const trees = Array.from({ length: 4 }, () => randomTree(rng, 4, 16));
    const scorer = loadTreeScorer(treeDocument(trees, { nFeatures: 4 }));
    expect(scorer).toMatchObject({ engine: 'typescript', engineReason: 'a tree is deeper than 12 levels' });
    let caught: unknown;
    try {
      loadTreeScorer(treeDocument(trees, { nFeatures: 4 }), { engine: 'wasm' });
    } catch (error) {
      caught = error;
    }
    expect(isRecoError(caught, 'kernel-unavailable')).toBe(true);
  });
});
