import { describe, expect, it } from 'vitest';
import { logLoss, rocAuc } from '../internal/metrics';
import { syntheticProblem, trainTestSplit } from '../internal/synthetic';
import { modelError } from '../internal/test-errors';
import { LogisticRegression } from '../logistic';
import type { ModelKind, Progress } from '../types';
import { choice, integer, logUniform, uniform } from './distributions';
import { gridSearch, randomSearch } from './search';
import { defaultSearchSpaces } from './spaces';

const problem = syntheticProblem({ nRows: 1200, nCols: 6, seed: 41, signal: 1.2, missingRate: 0.02 });
const data = { X: problem.X, nRows: problem.nRows, nCols: problem.nCols, y: problem.y };
const held = trainTestSplit(problem, 800);

describe('gridSearch', () => {
  it('fits every combination, in order, with the base params underneath', () => {
    const result = gridSearch({
      ...data,
      kind: 'logistic',
      space: { l2: [1e-4, 1e-2, 1], standardize: [true, false] },
      baseParams: { tolerance: 1e-5 },
      folds: 3,
    });
    expect(result.trials.map((t) => t.searched)).toEqual([
      { l2: 1e-4, standardize: true },
      { l2: 1e-4, standardize: false },
      { l2: 1e-2, standardize: true },
      { l2: 1e-2, standardize: false },
      { l2: 1, standardize: true },
      { l2: 1, standardize: false },
    ]);
    for (const trial of result.trials) {
      expect(trial.params.tolerance).toBe(1e-5);
      expect(trial.foldScores).toHaveLength(3);
      expect(trial.fitSeconds).toBeGreaterThan(0);
    }
    expect(result).toMatchObject({ evaluation: 'cross-validation', folds: 3, scoring: 'roc-auc' });
  });

  it('scores on a fixed validation set exactly as a direct fit would', () => {
    const result = gridSearch({
      kind: 'logistic',
      X: held.train.X,
      nRows: held.train.nRows,
      nCols: 6,
      y: held.train.y,
      validation: { X: held.test.X, nRows: held.test.nRows, y: held.test.y },
      space: { l2: [1e-3, 10] },
    });
    for (const trial of result.trials) {
      const direct = new LogisticRegression(trial.params);
      direct.fit(held.train.X, held.train.nRows, 6, held.train.y);
      const auc = rocAuc(held.test.y, direct.predictProba(held.test.X, held.test.nRows));
      expect(trial.meanScore).toBe(auc);
      expect(trial.stdScore).toBe(0);
    }
    expect(result.evaluation).toBe('validation-set');
  });

  it('ranks by mean score: highest AUC first, lowest log loss first', () => {
    for (const scoring of ['roc-auc', 'log-loss'] as const) {
      const result = gridSearch({
        ...data,
        kind: 'logistic',
        space: { l2: [1e-4, 0.1, 10] },
        folds: 3,
        scoring,
      });
      const means = result.trials.map((t) => t.meanScore);
      const bestMean = scoring === 'log-loss' ? Math.min(...means) : Math.max(...means);
      expect(result.best.meanScore).toBe(bestMean);
      expect(result.best.rank).toBe(1);
      expect(result.bestParams).toEqual(result.best.params);
      expect(new Set(result.trials.map((t) => t.rank))).toEqual(new Set([1, 2, 3]));
      for (const t of result.trials) {
        const mean = t.foldScores.reduce((a, b) => a + b, 0) / t.foldScores.length;
        expect(t.meanScore).toBeCloseTo(mean, 12);
        const std = Math.sqrt(t.foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / t.foldScores.length);
        expect(t.stdScore).toBeCloseTo(std, 12);
      }
    }
  });

  it('uses the scoring it is asked for', () => {
    const result = gridSearch({
      kind: 'logistic',
      X: held.train.X,
      nRows: held.train.nRows,
      nCols: 6,
      y: held.train.y,
      validation: { X: held.test.X, nRows: held.test.nRows, y: held.test.y },
      space: { l2: [1e-3] },
      scoring: 'log-loss',
    });
    const direct = new LogisticRegression({ l2: 1e-3 });
    direct.fit(held.train.X, held.train.nRows, 6, held.train.y);
    expect(result.best.meanScore).toBe(
      logLoss(held.test.y, direct.predictProba(held.test.X, held.test.nRows)),
    );
  });

  it('stops XGBoost early inside each fold and reports the rounds kept', () => {
    const seen: Progress[] = [];
    const result = gridSearch({
      ...data,
      kind: 'xgboost',
      space: { maxDepth: [2, 4] },
      baseParams: { nRounds: 200, eta: 0.5, earlyStoppingRounds: 5, nthread: 2 },
      folds: 3,
      onProgress: (p) => seen.push(p),
    });
    for (const trial of result.trials) {
      expect(trial.rounds).toBeGreaterThan(0);
      expect(trial.rounds).toBeLessThan(200);
    }
    expect(seen.at(-1)).toEqual({ stage: 'search', done: 6, total: 6, unit: 'fits' });
    const noStopping = gridSearch({
      ...data,
      kind: 'xgboost',
      space: { maxDepth: [2] },
      baseParams: { nRounds: 10, earlyStoppingRounds: null, nthread: 2 },
      folds: 2,
    });
    expect(noStopping.trials[0]!.rounds).toBeUndefined();
  });

  it('is deterministic: same seed, same table; another seed, other folds', () => {
    const run = (seed: number) =>
      gridSearch({
        ...data,
        kind: 'xgboost',
        space: { maxDepth: [2, 3] },
        baseParams: { nRounds: 30, subsample: 0.8, nthread: 2 },
        folds: 3,
        seed,
      }).trials.map(({ params, foldScores, rank }) => ({ params, foldScores, rank }));
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('rejects a bad value before fitting anything', () => {
    const seen: Progress[] = [];
    const error = modelError(
      () =>
        gridSearch({ ...data, kind: 'logistic', space: { l2: [1, -1] }, onProgress: (p) => seen.push(p) }),
      'invalid-input',
    );
    expect(error.field).toBe('l2');
    expect(seen).toEqual([]);
    modelError(() => gridSearch({ ...data, kind: 'logistic', space: { l2: [] } }), 'invalid-input');
    modelError(() => gridSearch({ ...data, kind: 'logistic', folds: 1 }), 'invalid-input');
  });
});

describe('randomSearch', () => {
  it('samples nIter candidates inside the distributions, seeded', () => {
    const space = {
      eta: logUniform(0.01, 0.3),
      maxDepth: integer(2, 4),
      subsample: uniform(0.5, 1),
      gamma: choice([0, 1]),
      minChildWeight: [1, 2],
    };
    const options = {
      ...data,
      kind: 'xgboost' as const,
      space,
      nIter: 4,
      folds: 2,
      baseParams: { nRounds: 10, nthread: 2 },
    };
    const a = randomSearch({ ...options, seed: 1 });
    const b = randomSearch({ ...options, seed: 1 });
    const c = randomSearch({ ...options, seed: 2 });
    expect(a.trials).toHaveLength(4);
    for (const { searched: s } of a.trials) {
      expect(s.eta).toBeGreaterThanOrEqual(0.01);
      expect(s.eta).toBeLessThan(0.3);
      expect([2, 3, 4]).toContain(s.maxDepth);
      expect(s.subsample).toBeGreaterThanOrEqual(0.5);
      expect([0, 1]).toContain(s.gamma);
      expect([1, 2]).toContain(s.minChildWeight);
    }
    const table = (r: typeof a) => r.trials.map(({ searched, foldScores }) => ({ searched, foldScores }));
    expect(table(b)).toEqual(table(a));
    expect(table(c).map((t) => t.searched)).not.toEqual(table(a).map((t) => t.searched));
  });

  it('has a default space for every model kind, made of real parameters', () => {
    const kinds: ModelKind[] = ['xgboost', 'random-forest', 'logistic'];
    for (const kind of kinds) {
      const base =
        kind === 'logistic' ? {} : { nthread: 2, ...(kind === 'xgboost' ? { nRounds: 5 } : { nTrees: 3 }) };
      const result = randomSearch({ ...data, kind, nIter: 2, folds: 2, baseParams: base as never });
      expect(result.trials).toHaveLength(2);
      expect(Object.keys(result.trials[0]!.searched).sort()).toEqual(
        Object.keys(defaultSearchSpaces[kind].random).sort(),
      );
      expect(result.best.meanScore).toBeGreaterThan(0.6);
    }
  });
});
