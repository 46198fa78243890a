import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rocAuc } from './internal/metrics';
import { syntheticProblem, trainTestSplit } from './internal/synthetic';
import { modelError } from './internal/test-errors';
import { loadClassifier } from './load';
import { RandomForestClassifier } from './random-forest';
import { columnShare } from './random-forest-params';
import { XGBoostClassifier } from './xgboost';

const dir = mkdtempSync(join(tmpdir(), 'reco-rf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NCOLS = 12;
const noisy = trainTestSplit(
  syntheticProblem({ nRows: 5000, nCols: NCOLS, seed: 21, signal: 1.5, missingRate: 0.05 }),
  3000,
);
const separable = trainTestSplit(
  syntheticProblem({ nRows: 4000, nCols: NCOLS, seed: 22, signal: Number.POSITIVE_INFINITY }),
  2500,
);
const FAST = { nTrees: 30, nthread: 2, maxDepth: 8 } as const;

/** Depth of each tree, measured from the child arrays of XGBoost's JSON model. */
function treeDepths(bytes: Uint8Array): number[] {
  const model = JSON.parse(new TextDecoder().decode(bytes));
  return model.learner.gradient_booster.model.trees.map(
    (tree: { left_children: number[]; right_children: number[] }) => {
      const depth = (node: number): number =>
        tree.left_children[node] === -1
          ? 0
          : 1 + Math.max(depth(tree.left_children[node]!), depth(tree.right_children[node]!));
      return depth(0);
    },
  );
}

describe('RandomForestClassifier', () => {
  it('learns a separable problem (test AUC > 0.9; axis-aligned trees on an oblique boundary)', () => {
    const forest = new RandomForestClassifier(FAST);
    forest.fit(separable.train.X, separable.train.nRows, NCOLS, separable.train.y);
    expect(
      rocAuc(separable.test.y, forest.predictProba(separable.test.X, separable.test.nRows)),
    ).toBeGreaterThan(0.9);
    forest.dispose();
  });

  it('learns a noisy problem with missing values (test AUC > 0.8) and reports it on validation', () => {
    const forest = new RandomForestClassifier(FAST);
    const report = forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, {
      validation: { X: noisy.test.X, nRows: noisy.test.nRows, y: noisy.test.y },
    });
    const auc = rocAuc(noisy.test.y, forest.predictProba(noisy.test.X, noisy.test.nRows));
    expect(auc).toBeGreaterThan(0.8);
    expect(report.validation?.metric).toBe('auc');
    // libxgboost's AUC and ours agree on the same predictions.
    expect(report.validation?.score).toBeCloseTo(auc, 5);
    forest.dispose();
  });

  it('grows nTrees parallel trees in one round, none deeper than maxDepth', () => {
    const forest = new RandomForestClassifier({ ...FAST, nTrees: 17, maxDepth: 5 });
    const report = forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    const bytes = forest.toBytes();
    const gbtree = JSON.parse(new TextDecoder().decode(bytes)).learner.gradient_booster.model;
    expect(gbtree.gbtree_model_param.num_parallel_tree).toBe('17');
    const depths = treeDepths(bytes);
    expect(depths).toHaveLength(17);
    expect(Math.max(...depths)).toBeLessThanOrEqual(5);
    expect(report.iterations).toBe(17);
    forest.dispose();
  });

  it('averages differently seeded trees: another seed, other trees', () => {
    const a = new RandomForestClassifier({ ...FAST, seed: 1 });
    const b = new RandomForestClassifier({ ...FAST, seed: 2 });
    a.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    b.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    expect(a.predictProba(noisy.test.X, noisy.test.nRows)).not.toEqual(
      b.predictProba(noisy.test.X, noisy.test.nRows),
    );
    a.dispose();
    b.dispose();
  });

  it('sqrt column share is √nCols / nCols', () => {
    expect(columnShare('sqrt', 100)).toBeCloseTo(0.1, 12);
    expect(columnShare('sqrt', 12)).toBeCloseTo(3 / 12, 12);
    expect(columnShare('sqrt', 1)).toBe(1);
    expect(columnShare(0.4, 12)).toBe(0.4);
  });

  it('reports progress in trees', () => {
    const seen: unknown[] = [];
    const forest = new RandomForestClassifier({ ...FAST, nTrees: 5 });
    forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, { onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([
      { stage: 'growing trees', done: 0, total: 5, unit: 'trees' },
      { stage: 'growing trees', done: 5, total: 5, unit: 'trees' },
    ]);
    forest.dispose();
  });

  it('round-trips to identical predictions, and loaders tell it from XGBoost', () => {
    const forest = new RandomForestClassifier(FAST);
    forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    const path = join(dir, 'forest.json');
    forest.save(path);
    const expected = forest.predictProba(noisy.test.X, noisy.test.nRows);
    for (const loaded of [RandomForestClassifier.load(path), loadClassifier(path)]) {
      expect(loaded.kind).toBe('random-forest');
      expect(loaded.params).toEqual(forest.params);
      expect(loaded.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(expected);
      loaded.dispose();
    }
    expect(modelError(() => XGBoostClassifier.load(path), 'invalid-model').file).toBe(path);
    forest.dispose();
  });

  it('scores its default-depth trees in WebAssembly, as libxgboost does', () => {
    const forest = new RandomForestClassifier({ nTrees: 40, nthread: 2, maxDepth: 10 });
    forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    expect(forest.scoringPath).toEqual({ via: 'wasm' });
    const ours = forest.predictProba(noisy.test.X, noisy.test.nRows, { via: 'wasm' });
    const theirs = forest.predictProba(noisy.test.X, noisy.test.nRows, { via: 'in-place' });
    let worst = 0;
    for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
    expect(worst).toBeLessThan(1e-6);
    forest.dispose();
  });

  it('leaves trees deeper than the flat layout allows to libxgboost, and says so', () => {
    const forest = new RandomForestClassifier({ nTrees: 5, nthread: 2, maxDepth: 20, minChildWeight: 0 });
    forest.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    expect(Math.max(...treeDepths(forest.toBytes()))).toBeGreaterThan(12);
    expect(forest.scoringPath).toEqual({
      via: 'in-place',
      reason: expect.stringMatching(/deeper than 12 levels/),
    });
    const auto = forest.predictProba(noisy.test.X, noisy.test.nRows);
    expect(auto).toEqual(forest.predictProba(noisy.test.X, noisy.test.nRows, { via: 'in-place' }));
    const error = modelError(
      () => forest.predictProba(noisy.test.X, noisy.test.nRows, { via: 'wasm' }),
      'invalid-input',
    );
    expect(error.field).toBe('via');
    forest.dispose();
  });

  it('validates its params', () => {
    expect(new RandomForestClassifier().params).toMatchObject({ nTrees: 100, colsampleBynode: 'sqrt' });
    expect(modelError(() => new RandomForestClassifier({ nTrees: 0 }), 'invalid-input').field).toBe('nTrees');
    const colsample = modelError(() => new RandomForestClassifier({ colsampleBynode: 1.5 }), 'invalid-input');
    expect(colsample.field).toBe('colsampleBynode');
  });
});
