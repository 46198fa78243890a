import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { XGBoostClassifier } from '../xgboost';
import {
  handleStats,
  INSTALL_HINT,
  libxgboost,
  locateLibxgboost,
  NativeBooster,
  NativeDMatrix,
} from './libxgboost';
import { syntheticProblem } from './synthetic';
import { modelError } from './test-errors';

const DEBIAN_LIBRARY = '/usr/lib/x86_64-linux-gnu/libxgboost.so.0';

describe('locating libxgboost', () => {
  it('finds the installed library (>= 1.7)', () => {
    const { version } = libxgboost();
    expect(version[0] > 1 || (version[0] === 1 && version[1] >= 7)).toBe(true);
  });

  it('says where it looked and how to install when nothing loads', () => {
    const error = catchError(() =>
      locateLibxgboost({ env: {}, candidates: ['/nowhere/libxgboost.so', '/also/not/here.dylib'] }),
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe('library-not-found');
    expect(error.message).toContain('/nowhere/libxgboost.so');
    expect(error.message).toContain('/also/not/here.dylib');
    expect(error.message).toContain('XGBOOST_LIBRARY_PATH');
    expect(error.message).toContain('apt-get install -y libxgboost0');
    expect(error.message).toContain('brew install xgboost');
    expect(error.message).toContain('conda install -c conda-forge libxgboost');
    expect(INSTALL_HINT.split('\n').length).toBeGreaterThan(3);
  });

  it('tries only XGBOOST_LIBRARY_PATH when it is set', () => {
    const error = catchError(() =>
      locateLibxgboost({
        env: { XGBOOST_LIBRARY_PATH: '/bad/libxgboost.so' },
        candidates: ['libxgboost.so.0'],
      }),
    );
    expect(error.message).toContain('XGBOOST_LIBRARY_PATH=/bad/libxgboost.so');
    expect(error.message).not.toContain('libxgboost.so.0:');
  });

  it.skipIf(!existsSync(DEBIAN_LIBRARY))('looks in the folder XGBOOST_LIBRARY_PATH names', () => {
    const found = locateLibxgboost({ env: { XGBOOST_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu' } });
    expect(found.path).toBe(DEBIAN_LIBRARY);
  });
});

describe('NativeDMatrix.quantileFromDense', () => {
  const { X, y, nRows, nCols } = syntheticProblem({
    nRows: 3000,
    nCols: 8,
    seed: 4,
    signal: 2,
    missingRate: 0.05,
  });
  const labels = Float32Array.from(y);
  const PARAMS = {
    objective: 'binary:logistic',
    tree_method: 'hist',
    max_bin: '64',
    max_depth: '4',
    nthread: '2',
    seed: '1',
  };

  function trainedJson(dtrain: NativeDMatrix): string {
    const booster = NativeBooster.create([dtrain]);
    for (const [name, value] of Object.entries(PARAMS)) booster.setParam(name, value);
    for (let round = 0; round < 8; round++) booster.updateOneIteration(round, dtrain);
    const json = new TextDecoder().decode(booster.saveJson());
    booster.free();
    return json;
  }

  it('trains the very trees a float DMatrix of the same rows trains', () => {
    const dense = NativeDMatrix.fromDense(X, nRows, nCols, 2);
    dense.setLabels(labels);
    const binned = NativeDMatrix.quantileFromDense(X, nRows, nCols, labels, { nThread: 2, maxBin: 64 });
    try {
      expect(trainedJson(binned)).toBe(trainedJson(dense));
    } finally {
      dense.free();
      binned.free();
    }
  });

  it('scores an evaluation set binned by the training cuts as a float DMatrix scores it', () => {
    const held = syntheticProblem({ nRows: 1000, nCols: 8, seed: 5, signal: 2, missingRate: 0.05 });
    const heldLabels = Float32Array.from(held.y);
    const binned = NativeDMatrix.quantileFromDense(X, nRows, nCols, labels, { nThread: 2, maxBin: 64 });
    const evalSets = [
      NativeDMatrix.fromDense(held.X, held.nRows, nCols, 2),
      NativeDMatrix.quantileFromDense(held.X, held.nRows, nCols, heldLabels, {
        nThread: 2,
        maxBin: 64,
        reference: binned,
      }),
    ];
    evalSets[0]!.setLabels(heldLabels);
    const lines = evalSets.map((dvalid) => {
      const booster = NativeBooster.create([binned, dvalid]);
      for (const [name, value] of Object.entries({ ...PARAMS, eval_metric: 'auc' }))
        booster.setParam(name, value);
      const out: string[] = [];
      for (let round = 0; round < 5; round++) {
        booster.updateOneIteration(round, binned);
        out.push(booster.evalOneIteration(round, dvalid, 'validation'));
      }
      booster.free();
      return out;
    });
    expect(lines[1]).toEqual(lines[0]);
    for (const m of [binned, ...evalSets]) m.free();
  });

  it('refuses labels or values that do not match the shape before libxgboost reads them', () => {
    const short = catchError(() =>
      NativeDMatrix.quantileFromDense(X, nRows, nCols, labels.subarray(0, 10), { nThread: 1, maxBin: 64 }),
    );
    expect(short.code).toBe('invalid-input');
    expect(short.message).toContain('10 labels for 3000 rows');
    const wide = catchError(() =>
      NativeDMatrix.quantileFromDense(X, nRows, nCols + 1, labels, { nThread: 1, maxBin: 64 }),
    );
    expect(wide.code).toBe('invalid-input');
  });

  it("carries libxgboost's message when it refuses the configuration", () => {
    const error = catchError(() =>
      NativeDMatrix.quantileFromDense(X, nRows, nCols, labels, { nThread: 1, maxBin: 0 }),
    );
    expect(error.code).toBe('native');
    expect(error.message).toContain('XGQuantileDMatrixCreateFromCallback');
  });
});

describe('native errors', () => {
  it("carry XGBGetLastError's message, without the native backtrace", () => {
    const bytes = new TextEncoder().encode('{"learner": 3');
    const error = catchError(() => NativeBooster.fromBuffer(bytes));
    expect(error.code).toBe('native');
    expect(error.message).toMatch(/^XGBoosterLoadModelFromBuffer failed: .*json/s);
    expect(error.message).not.toContain('Stack trace');
    expect(String((error.cause as Error).message)).toContain('Stack trace');
  });

  it('free() is idempotent and a freed handle refuses use', () => {
    const booster = NativeBooster.create([]);
    booster.free();
    booster.free();
    expect(booster.isFreed).toBe(true);
    modelError(() => booster.boostedRounds(), 'disposed');
  });
});

describe('native memory', () => {
  const { X, y, nRows, nCols } = syntheticProblem({ nRows: 300, nCols: 4, seed: 61, signal: 2 });

  it('fit frees its DMatrices and dispose() frees the booster, at once', () => {
    const before = handleStats.live;
    const model = new XGBoostClassifier({ nRounds: 3, nthread: 1 });
    model.fit(X, nRows, nCols, y, { validation: { X, nRows, y } });
    model.predictProba(X, nRows, { via: 'dmatrix' });
    expect(handleStats.live).toBe(before + 1);
    model.fit(X, nRows, nCols, y);
    expect(handleStats.live).toBe(before + 1);
    model.dispose();
    expect(handleStats.live).toBe(before);
  });

  it('a forgotten model is freed by the finalizer', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const before = handleStats.freedByFinalizer;
    (() => {
      const model = new XGBoostClassifier({ nRounds: 2, nthread: 1 });
      model.fit(X, nRows, nCols, y);
    })();
    // Finalizers run in a task after a collection; give them a few chances.
    for (let attempt = 0; attempt < 20 && handleStats.freedByFinalizer === before; attempt++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(handleStats.freedByFinalizer).toBeGreaterThan(before);
  });
});

function catchError(fn: () => unknown): ModelError {
  try {
    fn();
  } catch (error) {
    return error as ModelError;
  }
  throw new Error('expected an error');
}
