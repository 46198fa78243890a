import { describe, expect, it } from 'vitest';
import { createClassifier } from './create';
import { syntheticProblem } from './internal/synthetic';
import { modelError } from './internal/test-errors';
import { loadClassifierFromBytes } from './load';
import { LogisticRegression } from './logistic';
import { RandomForestClassifier } from './random-forest';
import type { ModelKind } from './types';
import { XGBoostClassifier } from './xgboost';

const { X, y, nRows, nCols } = syntheticProblem({ nRows: 500, nCols: 4, seed: 51, signal: 2 });

describe('createClassifier and loadClassifierFromBytes', () => {
  const kinds: [ModelKind, abstract new (...args: never[]) => unknown][] = [
    ['xgboost', XGBoostClassifier],
    ['random-forest', RandomForestClassifier],
    ['logistic', LogisticRegression],
  ];

  it.each(kinds)('creates, serialises and reloads a %s model', (kind, type) => {
    const params =
      kind === 'logistic' ? {} : { nthread: 1, ...(kind === 'xgboost' ? { nRounds: 5 } : { nTrees: 5 }) };
    const model = createClassifier(kind, params);
    expect(model).toBeInstanceOf(type);
    expect(model.kind).toBe(kind);
    expect(model.isFitted).toBe(false);
    model.fit(X, nRows, nCols, y);
    expect(model.isFitted).toBe(true);
    expect(model.nFeatures).toBe(nCols);
    const loaded = loadClassifierFromBytes(model.toBytes(), `${kind} bytes`);
    expect(loaded).toBeInstanceOf(type);
    expect(loaded.predictProba(X, nRows)).toEqual(model.predictProba(X, nRows));
    model.dispose();
    loaded.dispose();
  });

  it('refuses an unknown kind and names the source of bad bytes', () => {
    modelError(() => createClassifier('svm' as ModelKind), 'invalid-input');
    const bad = modelError(
      () => loadClassifierFromBytes(new TextEncoder().encode('{"learner"'), 'cache entry 7'),
      'invalid-model',
    );
    expect(bad.file).toBe('cache entry 7');
  });
});
