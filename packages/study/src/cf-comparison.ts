import { deriveSeed, sampleSorted } from '@reco/core';
import type { Dataset } from '@reco/data';
import { rocAuc } from '@reco/eval';
import type { FeaturePipeline } from '@reco/features';
import { type Classifier, createClassifier } from '@reco/models';
import { outOfFoldCfColumn } from './cf';
import type { CfMode, ModelName } from './config';
import { featureSet, withColumn } from './matrices';
import { kindOf, sharedParams } from './search-spaces';
import type { OnStudyProgress } from './stages';
import type { TrainingSet } from './train-models';

/** The CF feature on/off measurement, as reported in `metrics/cf.json` and the manifest. */
export interface CfComparison {
  readonly mode: CfMode;
  /** False under `--no-cf`. */
  readonly measured: boolean;
  /** How the CF column was produced: the pipeline's 'cf' family, or an out-of-fold column added here. */
  readonly source: 'pipeline' | 'out-of-fold column' | null;
  /** The model fitted with and without the feature, e.g. `xgb baseline`. */
  readonly model: string | null;
  readonly validationAuc: { readonly without: number; readonly with: number } | null;
  /** For the record only; the decision never looks at test. */
  readonly testAuc: { readonly without: number; readonly with: number } | null;
  /** Whether the served models were trained with the CF feature. */
  readonly used: boolean;
  readonly reason: string;
  /** Rows the two compared fits trained and were scored on (a seeded sample; null under `--no-cf`). */
  readonly rows: { readonly train: number; readonly validation: number; readonly test: number } | null;
}

/**
 * The on/off decision fits both models on a seeded sample of this many model rows and scores them
 * on samples of validation and test of the size below. Two full-size fits cost about 80 s each at
 * the 2M-row cap; the AUC gap the decision reads is settled far below that (see docs/profiling.md).
 */
export const CF_DECISION_ROWS = 250_000;
export const CF_DECISION_EVAL_ROWS = 100_000;

export interface CfComparisonResult {
  readonly comparison: CfComparison;
  /** The pipeline with the CF family when the feature is used, else null (keep the one without). */
  readonly pipeline: FeaturePipeline | null;
  /**
   * The compared model fitted on the feature set that was kept, when the decision sample was all
   * the model rows: it is exactly that model's baseline, so the study reuses it instead of fitting
   * it again. Null under `--no-cf` or when the decision ran on a sample.
   */
  readonly baseline: {
    readonly model: ModelName;
    readonly classifier: Classifier;
    readonly fitSeconds: number;
  } | null;
}

export interface CompareCfOptions {
  readonly mode: CfMode;
  readonly models: readonly ModelName[];
  readonly dataset: Dataset;
  readonly likeThreshold: number;
  readonly seed: number;
  /** Rows the classifiers train on (a sample of train, or all of it) and the whole train part. */
  readonly modelRows: Uint32Array;
  readonly trainRows: Uint32Array;
  /** Validation rows used for early stopping and scoring, and test rows (report only). */
  readonly validationRows: Uint32Array;
  readonly testRows: Uint32Array;
  /** The pipeline without CF, already fitted, and its matrices on modelRows / validationRows. */
  readonly pipeline: FeaturePipeline;
  readonly train: TrainingSet;
  readonly validation: TrainingSet;
  /** Fits the pipeline with the CF family, or returns null when the pipeline cannot (yet). */
  readonly fitCfPipeline: () => Promise<FeaturePipeline | null>;
  /** Sample sizes of the decision (default CF_DECISION_ROWS and CF_DECISION_EVAL_ROWS). */
  readonly decisionRows?: number;
  readonly decisionEvalRows?: number;
  readonly onProgress?: OnStudyProgress;
  readonly log?: (message: string) => void;
}

/** The decision's rows: ids into the store and positions into the prefitted matrices. */
interface DecisionRows {
  readonly train: { readonly rows: Uint32Array; readonly at: Uint32Array };
  readonly validation: { readonly rows: Uint32Array; readonly at: Uint32Array };
  readonly test: Uint32Array;
  /** True when the train sample is every model row (then the kept fit is the baseline). */
  readonly whole: boolean;
}

/**
 * Measures the classifier with and without the leakage-free CF feature: the same model (XGBoost
 * baseline when it is requested, else the first model) is fitted on both feature sets and compared
 * by validation ROC AUC. 'auto' keeps the feature only when it raises validation AUC. Both fits use
 * the same seeded sample of the model rows (`CF_DECISION_ROWS`) and of validation and test
 * (`CF_DECISION_EVAL_ROWS`); the kept feature set's models are then fitted on all model rows by the
 * train stage.
 *
 * The feature can be served only when the pipeline computes it (its 'cf' family replays the MF
 * model at serve time). Should the pipeline lack that family, the column is built here from
 * `@reco/cf-svd`'s out-of-fold predictions, measured and reported, and the served models are
 * trained without it.
 */
export async function compareCf(options: CompareCfOptions): Promise<CfComparisonResult> {
  const { mode, models, dataset, likeThreshold, seed } = options;
  if (mode === 'off') {
    return {
      comparison: {
        mode,
        measured: false,
        source: null,
        model: null,
        validationAuc: null,
        testAuc: null,
        used: false,
        reason: 'switched off (--no-cf)',
        rows: null,
      },
      pipeline: null,
      baseline: null,
    };
  }
  const name: ModelName = models.includes('xgb') ? 'xgb' : models[0]!;
  const rows = decisionRows(options);
  const sets = {
    train: subset(options.train, rows.train.at),
    validation: subset(options.validation, rows.validation.at),
    test: featureSet(options.pipeline, dataset.ratings, rows.test, 'eval', likeThreshold),
  };
  const without = fitAndScore(name, seed, sets.train, sets.validation, sets.test);
  try {
    return await measureWithCf(options, name, rows, sets, without);
  } catch (error) {
    without.classifier.dispose();
    throw error;
  }
}

/** Seeded samples of the model, validation and test rows, the same for both fits. */
function decisionRows(options: CompareCfOptions): DecisionRows {
  const { seed } = options;
  const pick = (rows: Uint32Array, size: number, salt: number) => {
    const all = new Uint32Array(rows.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    const at = size >= rows.length ? all : sampleSorted(all, size, deriveSeed(seed, 0xcfd, salt));
    const picked = new Uint32Array(at.length);
    for (let i = 0; i < at.length; i++) picked[i] = rows[at[i]!]!;
    return { rows: picked, at };
  };
  const trainSize = options.decisionRows ?? CF_DECISION_ROWS;
  const evalSize = options.decisionEvalRows ?? CF_DECISION_EVAL_ROWS;
  return {
    train: pick(options.modelRows, trainSize, 1),
    validation: pick(options.validationRows, evalSize, 2),
    test: pick(options.testRows, evalSize, 3).rows,
    whole: trainSize >= options.modelRows.length && evalSize >= options.validationRows.length,
  };
}

/** Rows `at` (positions) of a training set; the set itself when `at` is every row. */
function subset(set: TrainingSet, at: Uint32Array): TrainingSet {
  if (at.length === set.nRows) return set;
  const { nCols } = set;
  const X = new Float32Array(at.length * nCols);
  const y = new Uint8Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const r = at[i]!;
    X.set(set.X.subarray(r * nCols, (r + 1) * nCols), i * nCols);
    y[i] = set.y[r]!;
  }
  return { X, nRows: at.length, nCols, y, names: set.names };
}

type Scored = ReturnType<typeof fitAndScore>;
interface DecisionSets {
  readonly train: TrainingSet;
  readonly validation: TrainingSet;
  readonly test: TrainingSet;
}

async function measureWithCf(
  options: CompareCfOptions,
  name: ModelName,
  rows: DecisionRows,
  sets: DecisionSets,
  without: Scored,
): Promise<CfComparisonResult> {
  const { mode } = options;
  const cfPipeline = await options.fitCfPipeline();
  const source: CfComparison['source'] = cfPipeline !== null ? 'pipeline' : 'out-of-fold column';
  const withCf =
    cfPipeline !== null
      ? fitWithPipeline(options, name, cfPipeline, rows)
      : await fitWithColumn(options, name, rows, sets);
  const helps = withCf.validation > without.validation;
  const servable = cfPipeline !== null;
  const used = servable && (mode === 'on' || helps);
  const kept = used ? withCf : without;
  (used ? without : withCf).classifier.dispose();
  // A fit on a sample is not the baseline the study reports; the train stage fits that one.
  if (!rows.whole) kept.classifier.dispose();
  const reason = !servable
    ? `the feature pipeline has no CF family yet, so serving could not replay the column; the served models are trained without it (it ${helps ? 'would raise' : 'does not raise'} validation AUC)`
    : mode === 'on'
      ? 'forced on (--cf)'
      : helps
        ? 'it raises validation AUC'
        : 'it does not raise validation AUC';
  const counts = { train: sets.train.nRows, validation: sets.validation.nRows, test: sets.test.nRows };
  options.log?.(
    `CF feature (${source}, ${counts.train} training rows): validation AUC ${without.validation.toFixed(4)} without, ${withCf.validation.toFixed(4)} with; ${used ? 'used' : 'not used'}`,
  );
  return {
    comparison: {
      mode,
      measured: true,
      source,
      model: `${name} baseline`,
      validationAuc: { without: without.validation, with: withCf.validation },
      testAuc: { without: without.test, with: withCf.test },
      used,
      reason,
      rows: counts,
    },
    pipeline: used ? cfPipeline : null,
    baseline: rows.whole ? { model: name, classifier: kept.classifier, fitSeconds: kept.fitSeconds } : null,
  };
}

/** The model on the CF pipeline's features of the decision rows. */
function fitWithPipeline(
  options: CompareCfOptions,
  name: ModelName,
  cfPipeline: FeaturePipeline,
  rows: DecisionRows,
): Scored {
  const { dataset, likeThreshold, seed } = options;
  const { ratings } = dataset;
  return fitAndScore(
    name,
    seed,
    featureSet(cfPipeline, ratings, rows.train.rows, 'train', likeThreshold),
    featureSet(cfPipeline, ratings, rows.validation.rows, 'eval', likeThreshold),
    featureSet(cfPipeline, ratings, rows.test, 'eval', likeThreshold),
  );
}

/** The model on the decision sets plus an out-of-fold CF column built here (not servable). */
async function fitWithColumn(
  options: CompareCfOptions,
  name: ModelName,
  rows: DecisionRows,
  sets: DecisionSets,
): Promise<Scored> {
  const { dataset, seed, onProgress } = options;
  const nTrain = rows.train.rows.length;
  const nValidation = rows.validation.rows.length;
  const predictRows = new Uint32Array(nTrain + nValidation + rows.test.length);
  predictRows.set(rows.train.rows, 0);
  predictRows.set(rows.validation.rows, nTrain);
  predictRows.set(rows.test, nTrain + nValidation);
  const column = await outOfFoldCfColumn({
    ratings: dataset.ratings,
    trainRows: options.trainRows,
    predictRows,
    nUsers: dataset.users.size,
    nItems: dataset.movies.movies.length,
    seed,
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const cf = column.predict;
  return fitAndScore(
    name,
    seed,
    withColumn(sets.train, cf.subarray(0, nTrain), 'cf_mf_oof'),
    withColumn(sets.validation, cf.subarray(nTrain, nTrain + nValidation), 'cf_mf_oof'),
    withColumn(sets.test, cf.subarray(nTrain + nValidation), 'cf_mf_oof'),
  );
}

function fitAndScore(
  name: ModelName,
  seed: number,
  train: TrainingSet,
  validation: TrainingSet,
  test: TrainingSet,
): { validation: number; test: number; classifier: Classifier; fitSeconds: number } {
  const kind = kindOf(name);
  const classifier = createClassifier(kind, sharedParams(kind, seed, false));
  try {
    const report = classifier.fit(train.X, train.nRows, train.nCols, train.y, {
      featureNames: train.names,
      validation: { X: validation.X, nRows: validation.nRows, y: validation.y },
    });
    return {
      validation: rocAuc(validation.y, classifier.predictProba(validation.X, validation.nRows)),
      test: rocAuc(test.y, classifier.predictProba(test.X, test.nRows)),
      classifier,
      fitSeconds: report.seconds,
    };
  } catch (error) {
    classifier.dispose();
    throw error;
  }
}
