import type { OnProgress } from '@reco/core';
import type { BinnedMatrix } from './binned-matrix';
import type { LogisticParams } from './logistic-params';
import type { RandomForestParams } from './random-forest-params';
import type { XGBoostParams } from './xgboost-params';

/** The three model families. */
export type ModelKind = 'xgboost' | 'random-forest' | 'logistic';

/** Resolved hyperparameters of each model kind. */
export interface ParamsByKind {
  xgboost: XGBoostParams;
  'random-forest': RandomForestParams;
  logistic: LogisticParams;
}

/** Binary labels, one per row, each exactly 0 or 1 (1 = liked). */
export type Labels = Uint8Array | Float32Array;

/** Progress of long work, injected by the caller: `@reco/core`'s one shape (units here: rounds, trees, iterations, fits). */
export type { OnProgress, Progress } from '@reco/core';

/** Held-out rows with the same columns as the training matrix. */
export interface ValidationSet {
  /** Row-major, `nRows x nCols` of the training matrix; NaN = missing. */
  readonly X: Float32Array;
  readonly nRows: number;
  readonly y: Labels;
}

export interface FitOptions {
  /**
   * Held-out rows. XGBoost stops early on them (`earlyStoppingRounds`) and keeps the best round;
   * the other models only report their score on it.
   */
  readonly validation?: ValidationSet;
  /** One name per column, used by `featureImportance` and saved with the model. Default `f0..fN`. */
  readonly featureNames?: readonly string[];
  readonly onProgress?: OnProgress;
  /**
   * The same X and y binned once by `BinnedMatrix.create`: the tree models fit on it instead of
   * binning again (a model with another `maxBin` bins its own). Logistic regression ignores it.
   */
  readonly binned?: BinnedMatrix;
}

/** A metric XGBoost can evaluate natively, also used to report validation scores. */
export type EvalMetric = 'auc' | 'aucpr' | 'logloss' | 'error';

/** What `fit` did. Plain data, saved with the model. */
export interface TrainingReport {
  readonly kind: ModelKind;
  readonly nRows: number;
  readonly nFeatures: number;
  /** Wall-clock seconds of `fit`. */
  readonly seconds: number;
  /** Boosting rounds kept (XGBoost), trees (random forest) or solver iterations (logistic). */
  readonly iterations: number;
  /** Present when `fit` was given a validation set. */
  readonly validation?: ValidationReport;
  /** Logistic regression only: how the solver ended. */
  readonly convergence?: ConvergenceReport;
}

export interface ValidationReport {
  readonly metric: EvalMetric;
  /** Score of the kept model on the validation set. */
  readonly score: number;
  /** XGBoost: the metric after each round that was trained (including the ones dropped). */
  readonly history?: readonly number[];
  /** XGBoost: 0-based index of the best round; the model keeps rounds 0..bestIteration. */
  readonly bestIteration?: number;
  /** XGBoost: true when training stopped before `nRounds`. */
  readonly stoppedEarly?: boolean;
}

export interface ConvergenceReport {
  readonly converged: boolean;
  readonly iterations: number;
  /** Function and gradient evaluations (each is one pass over the data). */
  readonly evaluations: number;
  /** Largest absolute gradient component at the end. */
  readonly gradientNorm: number;
  /** Final value of the regularised objective. */
  readonly loss: number;
}

/**
 * - `gain` / `total_gain`: average / summed loss reduction of the splits on the feature.
 * - `weight`: number of splits on the feature.
 * - `cover` / `total_cover`: average / summed hessian (≈ rows) reaching those splits.
 * - `coefficient`: |coefficient| of a standardized feature (logistic regression only).
 */
export type ImportanceType = 'gain' | 'total_gain' | 'weight' | 'cover' | 'total_cover' | 'coefficient';

/** One score per column, in column order; unused features score 0. */
export interface FeatureImportance {
  readonly type: ImportanceType;
  readonly names: readonly string[];
  readonly values: Float64Array;
}

/**
 * The common face of every model. Matrices are row-major `Float32Array`s with NaN for missing
 * values; probabilities are of class 1.
 */
export interface Classifier<K extends ModelKind = ModelKind> {
  readonly kind: K;
  /** Hyperparameters with every default filled in. */
  readonly params: Readonly<ParamsByKind[K]>;
  readonly isFitted: boolean;
  /** Columns the model was fitted on, or null before `fit`. */
  readonly nFeatures: number | null;
  /** Column names (given to `fit` or `f0..fN`), or null before `fit`. */
  readonly featureNames: readonly string[] | null;
  /** What the last `fit` did (also restored by `load`), or null. */
  readonly training: TrainingReport | null;

  /** Trains on `nRows x nCols` rows. Calling it again replaces the previous model. */
  fit(X: Float32Array, nRows: number, nCols: number, y: Labels, options?: FitOptions): TrainingReport;
  /** P(class 1) per row; X has `nFeatures` columns. */
  predictProba(X: Float32Array, nRows: number): Float32Array;
  featureImportance(type?: ImportanceType): FeatureImportance;
  /** Writes the model atomically (temp file in the same folder, then rename). */
  save(path: string): void;
  /** The exact bytes `save` writes, for embedding a model elsewhere. */
  toBytes(): Uint8Array;
  /** Frees native memory now (a finalizer does it later otherwise). Safe to call twice. */
  dispose(): void;
}
