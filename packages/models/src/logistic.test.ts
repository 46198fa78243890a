import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rocAuc } from './internal/metrics';
import { syntheticProblem, trainTestSplit } from './internal/synthetic';
import { modelError } from './internal/test-errors';
import { loadClassifier } from './load';
import { LogisticRegression } from './logistic';

const dir = mkdtempSync(join(tmpdir(), 'reco-lr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The reference solution, computed independently of the library: exact Newton steps on the
 * same objective with a dense Hessian and Gaussian elimination, in float64 throughout.
 *   minimise (1/W) Σ w_i [log(1 + e^{m_i}) − y_i m_i] + (l2/2) Σ_{j≥1} θ_j²,  m_i = Z_i · θ
 * Z has a leading column of ones (the unpenalised intercept).
 */
function newtonSolution(Z: number[][], y: ArrayLike<number>, w: number[], l2: number, steps = 30): number[] {
  const n = Z.length;
  const d = Z[0]!.length;
  const W = w.reduce((a, b) => a + b, 0);
  let theta = new Array<number>(d).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const m = Z[i]!.reduce((a, z, j) => a + z * theta[j]!, 0);
      const p = 1 / (1 + Math.exp(-m));
      for (let a = 0; a < d; a++) {
        g[a]! += (w[i]! * (p - y[i]!) * Z[i]![a]!) / W;
        for (let b = 0; b < d; b++) H[a]![b]! += (w[i]! * p * (1 - p) * Z[i]![a]! * Z[i]![b]!) / W;
      }
    }
    for (let a = 1; a < d; a++) {
      g[a]! += l2 * theta[a]!;
      H[a]![a]! += l2;
    }
    const delta = solve(H, g);
    theta = theta.map((t, j) => t - delta[j]!);
  }
  return theta;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[pivot]![c]!)) pivot = r;
    [M[c], M[pivot]] = [M[pivot]!, M[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

const small = syntheticProblem({ nRows: 600, nCols: 5, seed: 31, signal: 1.2 });

function rows(
  X: Float32Array,
  n: number,
  c: number,
  transform: (v: number, j: number) => number,
): number[][] {
  return Array.from({ length: n }, (_, i) => [
    1,
    ...Array.from({ length: c }, (_, j) => transform(X[i * c + j]!, j)),
  ]);
}

describe('LogisticRegression coefficients', () => {
  const { X, y, nRows, nCols } = small;

  it('match exact Newton on the raw features within 1e-4', () => {
    const l2 = 0.01;
    const lr = new LogisticRegression({ l2, standardize: false });
    lr.fit(X, nRows, nCols, y);
    const theta = newtonSolution(
      rows(X, nRows, nCols, (v) => v),
      y,
      new Array(nRows).fill(1),
      l2,
    );
    expect(Math.abs(lr.intercept - theta[0]!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(lr.coefficients, theta.slice(1))).toBeLessThan(1e-4);
  });

  it('match exact Newton on z-scored features, mapped back to the raw scale, within 1e-4', () => {
    const l2 = 1e-3;
    const lr = new LogisticRegression({ l2 });
    const report = lr.fit(X, nRows, nCols, y);
    // Population mean and standard deviation, computed here independently.
    const mean = Array.from({ length: nCols }, (_, j) => {
      let s = 0;
      for (let i = 0; i < nRows; i++) s += X[i * nCols + j]!;
      return s / nRows;
    });
    const std = mean.map((m, j) => {
      let s = 0;
      for (let i = 0; i < nRows; i++) s += (X[i * nCols + j]! - m) ** 2;
      return Math.sqrt(s / nRows);
    });
    const theta = newtonSolution(
      rows(X, nRows, nCols, (v, j) => (v - mean[j]!) / std[j]!),
      y,
      new Array(nRows).fill(1),
      l2,
    );
    const coefficients = theta.slice(1).map((t, j) => t / std[j]!);
    const intercept = theta[0]! - coefficients.reduce((a, c, j) => a + c * mean[j]!, 0);
    expect(maxAbsDiff(lr.coefficients, coefficients)).toBeLessThan(1e-4);
    expect(Math.abs(lr.intercept - intercept)).toBeLessThan(1e-4);
    expect(report.convergence?.converged).toBe(true);
    expect(report.convergence?.gradientNorm).toBeLessThanOrEqual(1e-6);
  });

  it('match exact Newton with balanced class weights within 1e-4', () => {
    const nPos = y.reduce((a, v) => a + v, 0);
    const weights = Array.from(y, (v) => (v === 1 ? nRows / (2 * nPos) : nRows / (2 * (nRows - nPos))));
    const lr = new LogisticRegression({ l2: 0.01, standardize: false, classWeight: 'balanced' });
    lr.fit(X, nRows, nCols, y);
    const theta = newtonSolution(
      rows(X, nRows, nCols, (v) => v),
      y,
      weights,
      0.01,
    );
    expect(Math.abs(lr.intercept - theta[0]!)).toBeLessThan(1e-4);
    expect(maxAbsDiff(lr.coefficients, theta.slice(1))).toBeLessThan(1e-4);
  });

  it('gives the same solution on worker threads as on one thread', () => {
    const big = syntheticProblem({ nRows: 20_000, nCols: 8, seed: 34, signal: 1.5, missingRate: 0.05 });
    const fits = [1, 2, 3].map((nthread) => {
      const lr = new LogisticRegression({ nthread, tolerance: 1e-9 });
      const report = lr.fit(big.X, big.nRows, big.nCols, big.y);
      expect(report.convergence?.converged).toBe(true);
      return lr;
    });
    for (const other of fits.slice(1)) {
      expect(maxAbsDiff(other.coefficients, fits[0]!.coefficients)).toBeLessThan(1e-7);
      expect(Math.abs(other.intercept - fits[0]!.intercept)).toBeLessThan(1e-7);
    }
  });

  it('reports non-convergence honestly', () => {
    const lr = new LogisticRegression({ maxIterations: 2, tolerance: 1e-12 });
    const report = lr.fit(X, nRows, nCols, y);
    expect(report.convergence).toMatchObject({ converged: false, iterations: 2 });
    expect(report.convergence!.gradientNorm).toBeGreaterThan(1e-12);
  });
});

describe('LogisticRegression learning', () => {
  it('learns a separable problem (test AUC > 0.9) and a noisy one (test AUC > 0.85)', () => {
    const separable = trainTestSplit(
      syntheticProblem({ nRows: 4000, nCols: 10, seed: 32, signal: Number.POSITIVE_INFINITY }),
      2500,
    );
    const noisy = trainTestSplit(
      syntheticProblem({ nRows: 4000, nCols: 10, seed: 33, signal: 1.5, missingRate: 0.05 }),
      2500,
    );
    for (const [problem, bound] of [
      [separable, 0.9],
      [noisy, 0.85],
    ] as const) {
      const lr = new LogisticRegression();
      const report = lr.fit(problem.train.X, problem.train.nRows, 10, problem.train.y, {
        validation: { X: problem.test.X, nRows: problem.test.nRows, y: problem.test.y },
      });
      const auc = rocAuc(problem.test.y, lr.predictProba(problem.test.X, problem.test.nRows));
      expect(auc).toBeGreaterThan(bound);
      expect(report.validation).toEqual({ metric: 'auc', score: auc });
    }
  });

  it('imputes a missing cell with the training mean of its column', () => {
    const lr = new LogisticRegression();
    lr.fit(small.X, small.nRows, small.nCols, small.y);
    let mean = 0;
    for (let i = 0; i < small.nRows; i++) mean += small.X[i * small.nCols + 2]!;
    mean /= small.nRows;
    const [withNaN, withMean] = lr.predictProba(
      Float32Array.from([1, 2, Number.NaN, 4, 5, 1, 2, mean, 4, 5]),
      2,
    );
    expect(withNaN).toBeCloseTo(withMean!, 6);
  });

  it('importance is |coefficient| × σ of the column', () => {
    const lr = new LogisticRegression();
    lr.fit(small.X, small.nRows, small.nCols, small.y, { featureNames: ['a', 'b', 'c', 'd', 'e'] });
    const importance = lr.featureImportance();
    expect(importance.names).toEqual(['a', 'b', 'c', 'd', 'e']);
    const coefficients = lr.coefficients;
    for (let j = 0; j < small.nCols; j++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < small.nRows; i++) {
        const v = small.X[i * small.nCols + j]!;
        s += v;
        s2 += v * v;
      }
      const std = Math.sqrt(s2 / small.nRows - (s / small.nRows) ** 2);
      expect(importance.values[j]).toBeCloseTo(Math.abs(coefficients[j]!) * std, 6);
    }
    modelError(() => lr.featureImportance('gain'), 'invalid-input');
  });
});

describe('LogisticRegression save and load', () => {
  it('round-trips to identical predictions through our versioned JSON', () => {
    const lr = new LogisticRegression({ l2: 1e-3, classWeight: { negative: 1, positive: 2 } });
    lr.fit(small.X, small.nRows, small.nCols, small.y);
    const path = join(dir, 'lr.json');
    lr.save(path);
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    expect(doc).toMatchObject({ format: 'reco-logistic', version: 1, kind: 'logistic' });
    for (const loaded of [
      LogisticRegression.load(path),
      loadClassifier(path),
      LogisticRegression.fromBytes(lr.toBytes()),
    ]) {
      expect(loaded.kind).toBe('logistic');
      expect(loaded.params).toEqual(lr.params);
      expect(loaded.training).toEqual(lr.training);
      expect(loaded.predictProba(small.X, small.nRows)).toEqual(lr.predictProba(small.X, small.nRows));
    }
  });

  it('rejects a damaged document with a clear error', () => {
    const lr = new LogisticRegression();
    lr.fit(small.X, small.nRows, small.nCols, small.y);
    const doc = JSON.parse(new TextDecoder().decode(lr.toBytes()));
    doc.coefficients.pop();
    const path = join(dir, 'damaged.json');
    writeFileSync(path, JSON.stringify(doc));
    modelError(() => LogisticRegression.load(path), 'invalid-model');
    writeFileSync(path, JSON.stringify({ ...doc, version: 2 }));
    modelError(() => loadClassifier(path), 'invalid-model');
  });

  it('checks inputs like every classifier', () => {
    const lr = new LogisticRegression();
    expect(modelError(() => lr.fit(small.X, small.nRows, 4, small.y), 'invalid-input').field).toBe('X');
    modelError(() => lr.predictProba(small.X, small.nRows), 'not-fitted');
    expect(modelError(() => new LogisticRegression({ l2: -1 }), 'invalid-input').field).toBe('l2');
    const weight = modelError(
      () => new LogisticRegression({ classWeight: { negative: 0, positive: 1 } }),
      'invalid-input',
    );
    expect(weight.field).toBe('classWeight.negative');
  });
});
