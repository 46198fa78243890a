import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rocAuc } from './internal/metrics';
import { findPythonWithXGBoost, runPython } from './internal/python';
import { syntheticProblem, trainTestSplit } from './internal/synthetic';
import { modelError } from './internal/test-errors';
import { loadClassifier } from './load';
import { XGBoostClassifier } from './xgboost';

const dir = mkdtempSync(join(tmpdir(), 'reco-xgb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NCOLS = 12;
const noisy = trainTestSplit(
  syntheticProblem({ nRows: 5000, nCols: NCOLS, seed: 11, signal: 1.5, missingRate: 0.05 }),
  3000,
);
const separable = trainTestSplit(
  syntheticProblem({ nRows: 4000, nCols: NCOLS, seed: 12, signal: Number.POSITIVE_INFINITY }),
  2500,
);
const FAST = { nRounds: 60, nthread: 2, eta: 0.3 } as const;
const python = findPythonWithXGBoost();

/** One row of the noisy test set, as its own array. */
const one = () => Float32Array.from(noisy.test.X.subarray(0, NCOLS));

/**
 * Our WebAssembly walk against libxgboost: the margins are summed in the same f32 order, and only
 * `expf` rounding may differ, so scores agree to a float ulp and almost all bit for bit.
 */
function expectSameScores(ours: Float32Array, libxgboost: Float32Array): void {
  expect(ours).toHaveLength(libxgboost.length);
  let exact = 0;
  let worst = 0;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === libxgboost[i]) exact++;
    worst = Math.max(worst, Math.abs(ours[i]! - libxgboost[i]!));
  }
  expect(worst).toBeLessThan(1e-6);
  expect(exact / ours.length).toBeGreaterThan(0.98);
}

function fitted(params: ConstructorParameters<typeof XGBoostClassifier>[0] = FAST): XGBoostClassifier {
  const model = new XGBoostClassifier(params);
  model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
  return model;
}

/** Trees per feature counted straight from XGBoost's JSON model: an independent `weight`. */
function splitCounts(bytes: Uint8Array, nCols: number): number[] {
  const model = JSON.parse(new TextDecoder().decode(bytes));
  const counts = new Array<number>(nCols).fill(0);
  for (const tree of model.learner.gradient_booster.model.trees) {
    for (let node = 0; node < tree.left_children.length; node++) {
      if (tree.left_children[node] !== -1) counts[tree.split_indices[node]]!++;
    }
  }
  return counts;
}

describe('XGBoostClassifier learning', () => {
  it('learns a separable problem (test AUC > 0.95; the boundary is oblique, trees approximate it)', () => {
    const model = new XGBoostClassifier(FAST);
    model.fit(separable.train.X, separable.train.nRows, NCOLS, separable.train.y);
    const p = model.predictProba(separable.test.X, separable.test.nRows);
    expect(rocAuc(separable.test.y, p)).toBeGreaterThan(0.95);
    model.dispose();
  });

  it('learns a noisy problem with missing values (test AUC > 0.8, Bayes ≈ 0.92)', () => {
    const model = fitted({ ...FAST, eta: 0.1, maxDepth: 4 });
    const auc = rocAuc(noisy.test.y, model.predictProba(noisy.test.X, noisy.test.nRows));
    // The true logit (before NaNs were punched in) is the best any model can rank by.
    const bayes = rocAuc(noisy.test.y, noisy.test.logit);
    expect(bayes).toBeGreaterThan(0.9);
    expect(auc).toBeGreaterThan(0.8);
    expect(auc).toBeLessThan(bayes);
    model.dispose();
  });

  it('stops early on the validation set and keeps rounds 0..best', () => {
    const params = { nRounds: 300, eta: 0.6, maxDepth: 5, earlyStoppingRounds: 5, nthread: 2, seed: 3 };
    const model = new XGBoostClassifier(params);
    const report = model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, {
      validation: { X: noisy.test.X, nRows: noisy.test.nRows, y: noisy.test.y },
    });
    const v = report.validation!;
    const history = v.history!;
    const best = history.indexOf(Math.max(...history));
    expect(v.stoppedEarly).toBe(true);
    expect(v.bestIteration).toBe(best);
    expect(history.length).toBe(best + 1 + 5);
    expect(v.score).toBe(history[best]);
    expect(report.iterations).toBe(best + 1);
    expect(
      JSON.parse(new TextDecoder().decode(model.toBytes())).learner.gradient_booster.model.trees,
    ).toHaveLength(best + 1);
    // The kept model is exactly the one trained for best + 1 rounds without a validation set.
    const same = new XGBoostClassifier({ ...params, nRounds: best + 1 });
    same.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y);
    expect(model.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(
      same.predictProba(noisy.test.X, noisy.test.nRows),
    );
    model.dispose();
    same.dispose();
  });

  it('gives the same predictions in WebAssembly, in place and through a DMatrix', () => {
    const model = fitted();
    expect(model.scoringPath).toEqual({ via: 'wasm' });
    const inPlace = model.predictProba(noisy.test.X, noisy.test.nRows, { via: 'in-place' });
    const viaDMatrix = model.predictProba(noisy.test.X, noisy.test.nRows, { via: 'dmatrix' });
    expect(inPlace).toEqual(viaDMatrix);
    const viaWasm = model.predictProba(noisy.test.X, noisy.test.nRows, { via: 'wasm' });
    expectSameScores(viaWasm, inPlace);
    expect(model.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(viaWasm);
    // A view into a larger buffer (non-zero byteOffset) is read from the right place.
    const tail = noisy.test.X.subarray(10 * NCOLS);
    for (const via of ['wasm', 'in-place'] as const) {
      const all = via === 'wasm' ? viaWasm : inPlace;
      expect(model.predictProba(tail, noisy.test.nRows - 10, { via })).toEqual(all.subarray(10));
      expect(model.predictProba(new Float32Array(0), 0, { via })).toHaveLength(0);
      // A one-row array is small enough for V8 to keep inside its heap; its address must still hold.
      const one = Float32Array.from(noisy.test.X.subarray(0, NCOLS));
      expect(model.predictProba(one, 1, { via })[0]).toBe(all[0]);
    }
    expect(
      modelError(() => model.predictProba(one(), 1, { via: 'fast' as never }), 'invalid-input').field,
    ).toBe('via');
    model.dispose();
  });

  it('scores a deep, wide model in WebAssembly as libxgboost does', () => {
    const model = fitted({ nRounds: 120, maxDepth: 9, eta: 0.2, nthread: 2, subsample: 0.8, seed: 4 });
    const viaWasm = model.predictProba(noisy.test.X, noisy.test.nRows, { via: 'wasm' });
    expectSameScores(viaWasm, model.predictProba(noisy.test.X, noisy.test.nRows, { via: 'in-place' }));
    // The same after a save/load round trip (the scorer is rebuilt from the loaded booster).
    const path = join(dir, 'deep.json');
    model.save(path);
    const loaded = XGBoostClassifier.load(path);
    expect(loaded.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(viaWasm);
    model.dispose();
    loaded.dispose();
  });

  it('is deterministic for a seed, with row and column sampling', () => {
    const params = { ...FAST, subsample: 0.7, colsampleBytree: 0.6, seed: 9 };
    const a = fitted(params);
    const b = fitted(params);
    const c = fitted({ ...params, seed: 10 });
    const pa = a.predictProba(noisy.test.X, noisy.test.nRows);
    expect(b.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(pa);
    expect(c.predictProba(noisy.test.X, noisy.test.nRows)).not.toEqual(pa);
    for (const m of [a, b, c]) m.dispose();
  });

  it('reports progress once per round', () => {
    const seen: number[] = [];
    const model = new XGBoostClassifier({ ...FAST, nRounds: 7 });
    model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, {
      onProgress: (p) => {
        expect(p).toMatchObject({ stage: 'boosting', total: 7, unit: 'rounds' });
        seen.push(p.done);
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    model.dispose();
  });
});

describe('XGBoostClassifier feature importance', () => {
  it('weight counts the splits per feature, named as given', () => {
    const names = Array.from({ length: NCOLS }, (_, j) => `feature ${j}`);
    const model = new XGBoostClassifier(FAST);
    model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, { featureNames: names });
    const weight = model.featureImportance('weight');
    expect(weight.names).toEqual(names);
    expect(Array.from(weight.values)).toEqual(splitCounts(model.toBytes(), NCOLS));
    model.dispose();
  });

  it('gain ranks the strongest signal column above pure-noise columns', () => {
    const model = fitted();
    const gain = model.featureImportance();
    expect(gain.type).toBe('gain');
    expect(gain.names[0]).toBe('f0');
    // Column 0 carries the largest linear weight; columns 9.. carry none.
    for (let j = 9; j < NCOLS; j++) expect(gain.values[0]).toBeGreaterThan(gain.values[j]!);
    modelError(() => model.featureImportance('coefficient'), 'invalid-input');
    model.dispose();
  });
});

describe('XGBoostClassifier save and load', () => {
  it('round-trips to identical predictions, metadata included', () => {
    const model = new XGBoostClassifier({ ...FAST, earlyStoppingRounds: 10 });
    const names = Array.from({ length: NCOLS }, (_, j) => `c${j}`);
    model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, {
      featureNames: names,
      validation: { X: noisy.test.X, nRows: noisy.test.nRows, y: noisy.test.y },
    });
    const path = join(dir, 'round-trip.json');
    model.save(path);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const loaded = XGBoostClassifier.load(path);
    const generic = loadClassifier(path);
    const fromBytes = XGBoostClassifier.fromBytes(model.toBytes());
    const expected = model.predictProba(noisy.test.X, noisy.test.nRows);
    for (const other of [loaded, generic, fromBytes]) {
      expect(other.kind).toBe('xgboost');
      expect(other.predictProba(noisy.test.X, noisy.test.nRows)).toEqual(expected);
      expect(other.params).toEqual(model.params);
      expect(other.featureNames).toEqual(names);
      expect(other.training).toEqual(model.training);
      expect(other.featureImportance('gain')).toEqual(model.featureImportance('gain'));
    }
    const json = JSON.parse(readFileSync(path, 'utf8'));
    expect(json.learner.attributes.reco_kind).toBe('xgboost');
    expect(json.learner.attributes.best_iteration).toBe(String(model.training!.validation!.bestIteration));
    for (const m of [model, loaded, generic, fromBytes]) m.dispose();
  });

  it.skipIf(python === null)('is read by Python xgboost, which predicts the same', () => {
    const model = new XGBoostClassifier({ ...FAST, earlyStoppingRounds: 5 });
    model.fit(noisy.train.X, noisy.train.nRows, NCOLS, noisy.train.y, {
      validation: { X: noisy.test.X, nRows: noisy.test.nRows, y: noisy.test.y },
    });
    const modelPath = join(dir, 'for-python.json');
    const dataPath = join(dir, 'for-python.f32');
    model.save(modelPath);
    writeFileSync(dataPath, noisy.test.X);
    const out = runPython(
      python!,
      `
import json, sys, numpy as np, xgboost as xgb
path, data, n, c = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
booster = xgb.Booster()
booster.load_model(path)
X = np.fromfile(data, dtype='<f4').reshape(n, c)
p = booster.predict(xgb.DMatrix(X, missing=np.nan))
print(json.dumps({'p': p.tolist(), 'attrs': booster.attributes(), 'rounds': booster.num_boosted_rounds(),
                  'best_iteration': booster.best_iteration}))
`,
      [modelPath, dataPath, String(noisy.test.nRows), String(NCOLS)],
    );
    const result = JSON.parse(out) as {
      p: number[];
      attrs: Record<string, string>;
      rounds: number;
      best_iteration: number;
    };
    const ours = model.predictProba(noisy.test.X, noisy.test.nRows);
    expect(result.p).toHaveLength(ours.length);
    expect(maxAbsDiff(result.p, ours)).toBeLessThan(1e-6);
    expect(result.rounds).toBe(model.training!.iterations);
    expect(result.best_iteration).toBe(model.training!.validation!.bestIteration);
    expect(result.attrs.reco_kind).toBe('xgboost');
    model.dispose();
  });

  it.skipIf(python === null)('loads a model trained by Python xgboost', () => {
    const dataPath = join(dir, 'train.f32');
    const labelPath = join(dir, 'train.u8');
    const modelPath = join(dir, 'from-python.json');
    writeFileSync(dataPath, noisy.train.X);
    writeFileSync(labelPath, noisy.train.y);
    const out = runPython(
      python!,
      `
import json, sys, numpy as np, xgboost as xgb
data, labels, out, n, c = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(data, dtype='<f4').reshape(n, c)
y = np.fromfile(labels, dtype=np.uint8)
d = xgb.DMatrix(X, label=y, missing=np.nan)
booster = xgb.train({'objective': 'binary:logistic', 'max_depth': 3, 'tree_method': 'hist', 'nthread': 2}, d, 15)
booster.save_model(out)
print(json.dumps(booster.predict(d).tolist()))
`,
      [dataPath, labelPath, modelPath, String(noisy.train.nRows), String(NCOLS)],
    );
    const pythonP = JSON.parse(out) as number[];
    const model = loadClassifier(modelPath);
    expect(model.kind).toBe('xgboost');
    expect(model.training).toBeNull();
    expect(model.featureNames).toEqual(Array.from({ length: NCOLS }, (_, j) => `f${j}`));
    const ours = model.predictProba(noisy.train.X, noisy.train.nRows);
    expect(maxAbsDiff(pythonP, ours)).toBeLessThan(1e-6);
    model.dispose();
  });

  it('rejects corrupt or foreign files with a clear error', () => {
    const model = fitted({ ...FAST, nRounds: 5 });
    const bytes = model.toBytes();
    const cases: [string, Uint8Array | string][] = [
      ['truncated.json', bytes.subarray(0, bytes.length / 2)],
      ['garbage.json', new Uint8Array([0xff, 0xfe, 0x00, 0x42])],
      ['other.json', '{"hello": "world"}'],
      ['newer.json', new TextDecoder().decode(bytes).replace('"reco_format":"1"', '"reco_format":"9"')],
    ];
    for (const [name, content] of cases) {
      const path = join(dir, name);
      writeFileSync(path, content);
      modelError(() => XGBoostClassifier.load(path), 'invalid-model');
    }
    // Valid JSON that libxgboost itself refuses: its own error comes through as `native`.
    writeFileSync(join(dir, 'hollow.json'), '{"learner": {}, "version": [1, 7, 4]}');
    const native = modelError(() => XGBoostClassifier.load(join(dir, 'hollow.json')), 'native');
    expect(native.cause).toBeInstanceOf(Error);
    modelError(() => XGBoostClassifier.load(join(dir, 'missing.json')), 'io');
    model.dispose();
  });
});

describe('XGBoostClassifier input checks', () => {
  const { X, y, nRows } = noisy.train;

  it('rejects wrong shapes and labels with messages that say what is wrong', () => {
    const model = new XGBoostClassifier(FAST);
    const bad = (fn: () => unknown, field: string) => {
      expect(modelError(fn, 'invalid-input').field).toBe(field);
    };
    bad(() => model.fit(X, nRows + 1, NCOLS, y), 'X');
    bad(() => model.fit(X, nRows, NCOLS, y.subarray(1)), 'y');
    bad(
      () =>
        model.fit(
          X,
          nRows,
          NCOLS,
          Uint8Array.from(y, (v, i) => (i === 7 ? 2 : v)),
        ),
      'y[7]',
    );
    bad(
      () =>
        model.fit(
          X,
          nRows,
          NCOLS,
          Float32Array.from(y, (v, i) => (i === 3 ? Number.NaN : v)),
        ),
      'y[3]',
    );
    bad(() => model.fit(X, nRows, NCOLS, new Uint8Array(nRows)), 'y');
    bad(() => model.fit(X, nRows, NCOLS, y, { featureNames: ['a'] }), 'featureNames');
    bad(
      () =>
        model.fit(X, nRows, NCOLS, y, {
          validation: { X: X.subarray(0, 10 * 11), nRows: 10, y: y.subarray(0, 10) },
        }),
      'validation.X',
    );
    bad(() => model.fit(Array.from(X) as unknown as Float32Array, nRows, NCOLS, y), 'X');
    model.fit(X, nRows, NCOLS, y);
    bad(() => model.predictProba(X.subarray(0, 10 * 11), 10), 'X');
    model.dispose();
  });

  it('validates params and fills defaults', () => {
    expect(new XGBoostClassifier().params.maxDepth).toBe(6);
    expect(modelError(() => new XGBoostClassifier({ eta: 0 }), 'invalid-input').field).toBe('eta');
    expect(modelError(() => new XGBoostClassifier({ maxDepht: 3 } as never), 'invalid-input').field).toBe(
      'maxDepht',
    );
    expect(
      modelError(() => new XGBoostClassifier({ treeMethod: 'gpu' as never }), 'invalid-input').field,
    ).toBe('treeMethod');
  });

  it('refuses use before fit and after dispose', () => {
    const model = new XGBoostClassifier(FAST);
    modelError(() => model.predictProba(X, nRows), 'not-fitted');
    model.fit(X, nRows, NCOLS, y);
    model.dispose();
    model.dispose();
    modelError(() => model.predictProba(X, nRows), 'disposed');
    modelError(() => model.fit(X, nRows, NCOLS, y), 'disposed');
  });
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
