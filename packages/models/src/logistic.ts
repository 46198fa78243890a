import { availableParallelism } from 'node:os';
import { ModelError } from './errors';
import { readModelFile, writeFileAtomic } from './internal/files';
import { type LbfgsResult, minimizeLbfgs } from './internal/lbfgs';
import {
  columnMoments,
  fillRounding,
  type LogisticProblem,
  logisticObjective,
  serialSums,
} from './internal/logistic-objective';
import { parallelSums } from './internal/logistic-workers';
import { rocAuc } from './internal/metrics';
import { FORMAT_VERSION, isRecord, LOGISTIC_FORMAT, parseModel, wrongKind } from './internal/model-file';
import { checkFitInputs, type LabelCounts } from './internal/validate';
import { type LogisticParams, resolveLogisticParams } from './logistic-params';
import type {
  Classifier,
  FeatureImportance,
  FitOptions,
  ImportanceType,
  Labels,
  OnProgress,
  TrainingReport,
  ValidationReport,
} from './types';

/** The fitted model, exactly as saved: predictions are computed from these numbers only. */
interface LogisticState {
  readonly featureNames: string[];
  /** Original feature scale: p = σ(intercept + Σ_j coefficients_j · x_j). */
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** Training means; a missing (NaN) cell takes its column's mean. */
  readonly means: Float64Array;
  /** Training standard deviations, for standardized importance. */
  readonly stds: Float64Array;
  readonly training: TrainingReport | null;
}

/**
 * L2-regularised logistic regression fitted by L-BFGS on typed arrays (see `LogisticParams` for
 * the objective). Missing cells are imputed with the training column mean.
 *
 * ```ts
 * const lr = new LogisticRegression({ l2: 1e-4 });
 * const report = lr.fit(X, nRows, nCols, y);
 * report.convergence; // { converged, iterations, gradientNorm, ... }
 * const p = lr.predictProba(Xtest, nTest);
 * ```
 */
export class LogisticRegression implements Classifier<'logistic'> {
  readonly kind = 'logistic' as const;
  readonly params: LogisticParams;
  #state: LogisticState | null = null;

  /** Unknown keys and out-of-range values throw a ModelError. */
  constructor(params: Partial<LogisticParams> = {}) {
    this.params = resolveLogisticParams(params);
  }

  get isFitted(): boolean {
    return this.#state !== null;
  }

  get nFeatures(): number | null {
    return this.#state?.featureNames.length ?? null;
  }

  get featureNames(): readonly string[] | null {
    return this.#state?.featureNames ?? null;
  }

  get training(): TrainingReport | null {
    return this.#state?.training ?? null;
  }

  /** Coefficients on the original feature scale (a copy). */
  get coefficients(): Float64Array {
    return Float64Array.from(this.#fitted('coefficients').coefficients);
  }

  /** Intercept on the original feature scale. */
  get intercept(): number {
    return this.#fitted('intercept').intercept;
  }

  fit(X: Float32Array, nRows: number, nCols: number, y: Labels, options: FitOptions = {}): TrainingReport {
    const { counts, featureNames } = checkFitInputs('logistic.fit', X, nRows, nCols, y, options);
    const { validation } = options;
    const p = this.params;
    const started = performance.now();
    const { problem, stds, start } = logisticProblem(X, nRows, nCols, y, counts, p);
    const result = solveLogistic(problem, start, p, options.onProgress);
    const state = { featureNames, ...originalScale(result.x, problem), means: problem.means, stds };
    let validationReport: ValidationReport | undefined;
    if (validation) {
      const scores = predictWith(state, validation.X, validation.nRows);
      validationReport = { metric: 'auc', score: rocAuc(validation.y, scores) };
    }
    const training: TrainingReport = {
      kind: 'logistic',
      nRows,
      nFeatures: nCols,
      seconds: (performance.now() - started) / 1000,
      iterations: result.iterations,
      ...(validationReport ? { validation: validationReport } : {}),
      convergence: {
        converged: result.converged,
        iterations: result.iterations,
        evaluations: result.evaluations,
        gradientNorm: result.gradientNorm,
        loss: result.value,
      },
    };
    this.#state = { ...state, training };
    return training;
  }

  predictProba(X: Float32Array, nRows: number): Float32Array {
    const state = this.#fitted('predictProba');
    const nCols = state.featureNames.length;
    if (!(X instanceof Float32Array)) {
      throw new ModelError('invalid-input', 'logistic.predictProba: X must be a Float32Array', {
        field: 'X',
      });
    }
    if (!Number.isInteger(nRows) || nRows < 0 || X.length !== nRows * nCols) {
      throw new ModelError(
        'invalid-input',
        `logistic.predictProba: X has ${X.length} values but the model takes ${nCols} features, so ` +
          `${nRows} rows need ${nRows * nCols} values`,
        { field: 'X' },
      );
    }
    return predictWith(state, X, nRows);
  }

  /** |coefficient| × training σ: the effect of a one-standard-deviation change, comparable across columns. */
  featureImportance(type: ImportanceType = 'coefficient'): FeatureImportance {
    const state = this.#fitted('featureImportance');
    if (type !== 'coefficient') {
      throw new ModelError(
        'invalid-input',
        `logistic.featureImportance: only 'coefficient' is available, not '${type}'`,
      );
    }
    const values = new Float64Array(state.coefficients.length);
    for (let j = 0; j < values.length; j++) values[j] = Math.abs(state.coefficients[j]!) * state.stds[j]!;
    return { type, names: [...state.featureNames], values };
  }

  toBytes(): Uint8Array {
    const state = this.#fitted('toBytes');
    const document = {
      format: LOGISTIC_FORMAT,
      version: FORMAT_VERSION,
      kind: 'logistic',
      params: this.params,
      featureNames: state.featureNames,
      intercept: state.intercept,
      coefficients: Array.from(state.coefficients),
      means: Array.from(state.means),
      stds: Array.from(state.stds),
      training: state.training,
    };
    return new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
  }

  save(path: string): void {
    writeFileAtomic(path, this.toBytes());
  }

  /** Nothing native to free; kept so every Classifier can be disposed alike. */
  dispose(): void {}

  static load(path: string): LogisticRegression {
    return LogisticRegression.fromBytes(readModelFile(path), path);
  }

  static fromBytes(bytes: Uint8Array, source = 'model buffer'): LogisticRegression {
    const parsed = parseModel(bytes, source);
    if (parsed.kind !== 'logistic') throw wrongKind(parsed.kind, 'logistic', source);
    const doc = parsed.document;
    const names = doc.featureNames;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      throw new ModelError('invalid-model', `featureNames must be a list of strings`, { file: source });
    }
    const n = names.length;
    const coefficients = numbers(doc.coefficients, n, 'coefficients', source);
    const means = numbers(doc.means, n, 'means', source);
    const stds = numbers(doc.stds, n, 'stds', source);
    const intercept = numbers([doc.intercept], 1, 'intercept', source)[0]!;
    let model: LogisticRegression;
    try {
      model = new LogisticRegression(isRecord(doc.params) ? (doc.params as Partial<LogisticParams>) : {});
    } catch (error) {
      throw new ModelError('invalid-model', `stored params are invalid`, { file: source, cause: error });
    }
    const training = isRecord(doc.training) ? (doc.training as unknown as TrainingReport) : null;
    model.#state = { featureNames: names as string[], intercept, coefficients, means, stds, training };
    return model;
  }

  #fitted(method: string): LogisticState {
    if (this.#state === null) {
      throw new ModelError(
        'not-fitted',
        `logistic.${method}: the model is not fitted; call fit() or load one`,
      );
    }
    return this.#state;
  }
}

/** σ(b + Σ β_j (x_j − mean_j)) per row, in the centred form (the numerically safer one). */
function predictWith(state: Omit<LogisticState, 'training'>, X: Float32Array, nRows: number): Float32Array {
  const { coefficients, means, intercept } = state;
  const nCols = coefficients.length;
  let centredIntercept = intercept;
  for (let j = 0; j < nCols; j++) centredIntercept += coefficients[j]! * means[j]!;
  const out = new Float32Array(nRows);
  for (let i = 0, o = 0; i < nRows; i++, o += nCols) {
    let margin = centredIntercept;
    for (let j = 0; j < nCols; j++) {
      const v = X[o + j]!;
      if (!Number.isNaN(v)) margin += coefficients[j]! * (v - means[j]!);
    }
    out[i] = 1 / (1 + Math.exp(-margin));
  }
  return out;
}

/**
 * The objective's data side: column moments, the standardizing scale and the class weights, plus
 * the start point β = 0 with the intercept at the weighted log-odds, the optimum of that subspace.
 */
function logisticProblem(
  X: Float32Array,
  nRows: number,
  nCols: number,
  y: Labels,
  counts: LabelCounts,
  p: LogisticParams,
): { problem: LogisticProblem; stds: Float64Array; start: Float64Array } {
  const { means, stds, missing } = columnMoments(X, nRows, nCols);
  const scale = new Float64Array(nCols).fill(1);
  // A constant column has σ = 0: leave it unscaled (its centred values are all 0 anyway).
  if (p.standardize) for (let j = 0; j < nCols; j++) if (stds[j]! > 0) scale[j] = 1 / stds[j]!;
  const [weightNegative, weightPositive] = classWeights(p, counts.negatives, counts.positives);
  const problem: LogisticProblem = {
    X,
    nRows,
    nCols,
    y,
    means,
    delta: fillRounding(means),
    missingCells: missing,
    scale,
    weightNegative,
    weightPositive,
    totalWeight: weightNegative * counts.negatives + weightPositive * counts.positives,
    l2: p.l2,
  };
  const start = new Float64Array(nCols + 1);
  start[0] = Math.log((weightPositive * counts.positives) / (weightNegative * counts.negatives));
  return { problem, stds, start };
}

/** L-BFGS on the problem, its passes over the rows split across threads when that pays. */
function solveLogistic(
  problem: LogisticProblem,
  start: Float64Array,
  p: LogisticParams,
  onProgress: OnProgress | undefined,
): LbfgsResult {
  const threads = threadCount(p.nthread, problem.nRows * problem.nCols);
  const parallel = threads > 1 ? parallelSums(problem, threads) : null;
  onProgress?.({ stage: 'lbfgs', done: 0, total: p.maxIterations, unit: 'iterations' });
  try {
    return minimizeLbfgs(logisticObjective(problem, parallel?.sums ?? serialSums(problem)), start, {
      memory: p.memory,
      tolerance: p.tolerance,
      maxIterations: p.maxIterations,
      onIteration: (iteration) =>
        onProgress?.({ stage: 'lbfgs', done: iteration, total: p.maxIterations, unit: 'iterations' }),
    });
  } finally {
    parallel?.close();
  }
}

/** Back to the original scale: β_j = θ_j · scale_j, and the centring moves into the intercept. */
function originalScale(
  theta: Float64Array,
  problem: LogisticProblem,
): { intercept: number; coefficients: Float64Array } {
  const { nCols, scale, means } = problem;
  const coefficients = new Float64Array(nCols);
  let intercept = theta[0]!;
  for (let j = 0; j < nCols; j++) {
    coefficients[j] = theta[j + 1]! * scale[j]!;
    intercept -= coefficients[j]! * means[j]!;
  }
  return { intercept, coefficients };
}

/** Below this many cells, worker start-up (~50 ms) costs more than a second thread saves. */
const PARALLEL_MIN_CELLS = 1_000_000;

function threadCount(nthread: number, cells: number): number {
  if (nthread > 0) return nthread;
  return cells >= PARALLEL_MIN_CELLS ? availableParallelism() : 1;
}

function classWeights(p: LogisticParams, negatives: number, positives: number): [number, number] {
  if (p.classWeight === null) return [1, 1];
  if (p.classWeight === 'balanced') {
    const n = negatives + positives;
    return [n / (2 * negatives), n / (2 * positives)];
  }
  return [p.classWeight.negative, p.classWeight.positive];
}

function numbers(value: unknown, length: number, field: string, source: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => typeof v === 'number')) {
    throw new ModelError('invalid-model', `${field} must be a list of ${length} numbers`, { file: source });
  }
  return Float64Array.from(value as number[]);
}
