import { createRawRng } from '@reco/core';

export interface SyntheticOptions {
  readonly nRows: number;
  readonly nCols: number;
  readonly seed: number;
  /**
   * How strongly the label follows the signal: `Infinity` gives a separable problem (y = 1 exactly
   * when the logit is positive), smaller values a noisy one (y ~ Bernoulli(σ(scale · logit))).
   */
  readonly signal: number;
  /** Share of cells set to NaN after the label is drawn (missing at random). Default 0. */
  readonly missingRate?: number;
}

export interface SyntheticProblem {
  readonly X: Float32Array;
  readonly y: Uint8Array;
  readonly nRows: number;
  readonly nCols: number;
  /** The noiseless logit of each row, for checks that need the truth. */
  readonly logit: Float64Array;
}

/**
 * A learnable binary problem on a dense row-major matrix, for tests and benchmarks. Columns are
 * standard normal with varied scales and offsets; the logit mixes linear terms on the first
 * columns, an interaction and a threshold effect, so linear and tree models both find signal.
 */
export function syntheticProblem(options: SyntheticOptions): SyntheticProblem {
  const { nRows, nCols, seed, signal } = options;
  const missingRate = options.missingRate ?? 0;
  const rng = createRawRng(seed);
  const X = new Float32Array(nRows * nCols);
  const y = new Uint8Array(nRows);
  const logit = new Float64Array(nRows);
  const scale = new Float64Array(nCols);
  const offset = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    scale[j] = 0.5 + 4 * rng.nextFloat();
    offset[j] = 10 * rng.nextFloat() - 5;
  }
  const z = new Float64Array(nCols);
  for (let i = 0; i < nRows; i++) {
    // z is the standardized row; the stored values are scaled and shifted copies of it.
    for (let j = 0; j < nCols; j++) {
      z[j] = rng.nextGaussian();
      X[i * nCols + j] = offset[j]! + scale[j]! * z[j]!;
    }
    let t = 0.3;
    for (let j = 0; j < Math.min(nCols, 6); j++) t += (j % 2 === 0 ? 1 : -0.7) * z[j]! * (1 - 0.1 * j);
    if (nCols > 7) t += 0.8 * z[6]! * z[7]!;
    if (nCols > 8) t += z[8]! > 0.5 ? 0.9 : -0.2;
    logit[i] = t;
    y[i] =
      signal === Number.POSITIVE_INFINITY
        ? t > 0
          ? 1
          : 0
        : rng.nextFloat() < 1 / (1 + Math.exp(-signal * t))
          ? 1
          : 0;
  }
  if (missingRate > 0) {
    for (let k = 0; k < X.length; k++) if (rng.nextFloat() < missingRate) X[k] = Number.NaN;
  }
  return { X, y, nRows, nCols, logit };
}

export interface Part {
  readonly X: Float32Array;
  readonly y: Uint8Array;
  readonly nRows: number;
  readonly logit: Float64Array;
}

/** The first `nTrain` rows and the rest, as views (same distribution, disjoint rows). */
export function trainTestSplit(problem: SyntheticProblem, nTrain: number): { train: Part; test: Part } {
  const { X, y, nCols, nRows, logit } = problem;
  return {
    train: {
      X: X.subarray(0, nTrain * nCols),
      y: y.subarray(0, nTrain),
      nRows: nTrain,
      logit: logit.subarray(0, nTrain),
    },
    test: {
      X: X.subarray(nTrain * nCols),
      y: y.subarray(nTrain),
      nRows: nRows - nTrain,
      logit: logit.subarray(nTrain),
    },
  };
}
