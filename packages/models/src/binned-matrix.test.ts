import { describe, expect, it } from 'vitest';
import { BinnedMatrix } from './binned-matrix';
import { syntheticProblem } from './internal/synthetic';
import { modelError } from './internal/test-errors';
import { RandomForestClassifier } from './random-forest';
import { XGBoostClassifier } from './xgboost';

const train = syntheticProblem({ nRows: 4000, nCols: 6, seed: 11, signal: 2, missingRate: 0.05 });
const held = syntheticProblem({ nRows: 1000, nCols: 6, seed: 12, signal: 2, missingRate: 0.05 });
const { X, y, nRows, nCols } = train;
const validation = { X: held.X, nRows: held.nRows, y: held.y };

function xgb() {
  return new XGBoostClassifier({ nRounds: 12, maxDepth: 3, nthread: 2, seed: 3 });
}
function forest() {
  return new RandomForestClassifier({ nTrees: 8, maxDepth: 4, nthread: 2, seed: 3 });
}

describe('BinnedMatrix', () => {
  it('gives two tree models the very predictions they get when each bins its own copy', () => {
    const binned = BinnedMatrix.create(X, nRows, nCols, y);
    const models = [xgb(), forest(), xgb(), forest()];
    try {
      const [ownXgb, ownForest, sharedXgb, sharedForest] = models as [
        XGBoostClassifier,
        RandomForestClassifier,
        XGBoostClassifier,
        RandomForestClassifier,
      ];
      const own = ownXgb.fit(X, nRows, nCols, y, { validation });
      ownForest.fit(X, nRows, nCols, y);
      const shared = sharedXgb.fit(X, nRows, nCols, y, { validation, binned });
      sharedForest.fit(X, nRows, nCols, y, { binned });
      expect(shared.validation?.history).toEqual(own.validation?.history);
      expect(sharedXgb.predictProba(held.X, held.nRows)).toEqual(ownXgb.predictProba(held.X, held.nRows));
      expect(sharedForest.predictProba(held.X, held.nRows)).toEqual(
        ownForest.predictProba(held.X, held.nRows),
      );
      expect(binned.isDisposed).toBe(false);
    } finally {
      for (const m of models) m.dispose();
      binned.dispose();
    }
  });

  it('lets a model with another maxBin bin its own copy', () => {
    const binned = BinnedMatrix.create(X, nRows, nCols, y, { maxBin: 256 });
    const coarse = new XGBoostClassifier({ nRounds: 12, maxDepth: 3, nthread: 2, seed: 3, maxBin: 16 });
    const reference = new XGBoostClassifier({ nRounds: 12, maxDepth: 3, nthread: 2, seed: 3, maxBin: 16 });
    try {
      coarse.fit(X, nRows, nCols, y, { binned });
      reference.fit(X, nRows, nCols, y);
      expect(coarse.predictProba(held.X, held.nRows)).toEqual(reference.predictProba(held.X, held.nRows));
    } finally {
      coarse.dispose();
      reference.dispose();
      binned.dispose();
    }
  });

  it('refuses a fit on other arrays than it was made from, and any use after dispose', () => {
    const binned = BinnedMatrix.create(X, nRows, nCols, y);
    const model = xgb();
    try {
      const other = modelError(() => model.fit(X.slice(), nRows, nCols, y, { binned }), 'invalid-input');
      expect(other.field).toBe('binned');
      binned.dispose();
      binned.dispose();
      expect(binned.isDisposed).toBe(true);
      modelError(() => model.fit(X, nRows, nCols, y, { binned }), 'disposed');
    } finally {
      model.dispose();
      binned.dispose();
    }
  });

  it('checks its own inputs like fit does', () => {
    modelError(() => BinnedMatrix.create(X, nRows + 1, nCols, y), 'invalid-input');
    modelError(() => BinnedMatrix.create(X, nRows, nCols, y, { maxBin: 1 }), 'invalid-input');
  });
});
