/**
 * `@reco/scoring` against the models this package trains: serving reads `toBytes()` with no
 * native code and must give libxgboost's (and LogisticRegression's) numbers.
 */
import { loadScorerFromBytes, loadTreeScorer } from '@reco/scoring';
import { describe, expect, it } from 'vitest';
import { NativeBooster, NativeDMatrix } from './internal/libxgboost';
import { syntheticProblem, trainTestSplit } from './internal/synthetic';
import { LogisticRegression } from './logistic';
import { RandomForestClassifier } from './random-forest';
import { XGBoostClassifier } from './xgboost';

const NCOLS = 8;
const problem = syntheticProblem({ nRows: 3000, nCols: NCOLS, seed: 77, signal: 2, missingRate: 0.05 });
const { train, test } = trainTestSplit(problem, 2000);

/** Largest |a - b|; libxgboost and our f32 walk agree to a float ulp. */
function worstGap(a: Float32Array, b: Float32Array): number {
  expect(a).toHaveLength(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('loadScorerFromBytes on trained models', () => {
  it.each([
    ['xgboost', () => new XGBoostClassifier({ nRounds: 30, nthread: 1, maxDepth: 5 })],
    ['random-forest', () => new RandomForestClassifier({ nTrees: 20, nthread: 1 })],
  ] as const)('scores a %s model like the classifier and libxgboost', (kind, create) => {
    const model = create();
    const featureNames = Array.from({ length: NCOLS }, (_, j) => `col_${j}`);
    model.fit(train.X, train.nRows, NCOLS, train.y, { featureNames });
    const scorer = loadScorerFromBytes(model.toBytes());
    expect(scorer).toMatchObject({ kind, nFeatures: NCOLS, featureNames: model.featureNames });
    const served = scorer.predictProba(test.X, test.nRows);
    expect(served).toEqual(model.predictProba(test.X, test.nRows));
    const native = model.predictProba(test.X, test.nRows, { via: 'in-place' });
    expect(worstGap(served, native)).toBeLessThan(1e-6);
    const walked = model.predictProba(test.X, test.nRows, { via: 'typescript' });
    expect(worstGap(walked, native)).toBeLessThan(1e-6);
    model.dispose();
  });

  it('scores a logistic regression with identical numbers', () => {
    const model = new LogisticRegression();
    model.fit(train.X, train.nRows, NCOLS, train.y);
    const scorer = loadScorerFromBytes(model.toBytes());
    expect(scorer).toMatchObject({ kind: 'logistic', nFeatures: NCOLS, featureNames: model.featureNames });
    expect(scorer.predictProba(test.X, test.nRows)).toEqual(model.predictProba(test.X, test.nRows));
  });

  it('walks a dart booster in TypeScript as libxgboost scores it', () => {
    const dtrain = NativeDMatrix.fromDense(train.X, train.nRows, NCOLS, 1);
    dtrain.setLabels(Float32Array.from(train.y));
    const booster = NativeBooster.create([dtrain]);
    const params = {
      booster: 'dart',
      objective: 'binary:logistic',
      rate_drop: '0.3',
      max_depth: '4',
      nthread: '1',
      seed: '3',
    };
    for (const [name, value] of Object.entries(params)) booster.setParam(name, value);
    for (let round = 0; round < 15; round++) booster.updateOneIteration(round, dtrain);
    const scorer = loadTreeScorer(booster.saveJson());
    expect(scorer).toMatchObject({ engine: 'typescript', engineReason: "booster 'dart' is not gbtree" });
    const config =
      '{"type":0,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false,"missing":NaN,"cache_id":0}';
    const native = booster.predictDense(test.X, test.nRows, NCOLS, config);
    expect(worstGap(scorer.predictProba(test.X, test.nRows), native)).toBeLessThan(1e-6);
    booster.free();
    dtrain.free();
  });
});
