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
}

export interface CfComparisonResult {
  readonly comparison: CfComparison;
  /** The pipeline with the CF family when the feature is used, else null (keep the one without). */
  readonly pipeline: FeaturePipeline | null;
  /**
   * The compared model fitted on the feature set that was kept: it is exactly that model's
   * baseline, so the study reuses it instead of fitting it again. Null under `--no-cf`.
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
  readonly onProgress?: OnStudyProgress;
  readonly log?: (message: string) => void;
}

/**
 * Measures the classifier with and without the leakage-free CF feature: the same model (XGBoost
 * baseline when it is requested, else the first model) is fitted on both feature sets and compared
 * by validation ROC AUC. 'auto' keeps the feature only when it raises validation AUC.
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
      },
      pipeline: null,
      baseline: null,
    };
  }
  const name: ModelName = models.includes('xgb') ? 'xgb' : models[0]!;
  const test = featureSet(options.pipeline, dataset.ratings, options.testRows, 'eval', likeThreshold);
  const without = fitAndScore(name, seed, options.train, options.validation, test);

  try {
    return await measureWithCf(options, name, test, without);
  } catch (error) {
    without.classifier.dispose();
    throw error;
  }
}

async function measureWithCf(
  options: CompareCfOptions,
  name: ModelName,
  test: TrainingSet,
  without: ReturnType<typeof fitAndScore>,
): Promise<CfComparisonResult> {
  const { mode, dataset, likeThreshold, seed, onProgress } = options;
  const cfPipeline = await options.fitCfPipeline();
  let withCf: ReturnType<typeof fitAndScore>;
  let source: CfComparison['source'];
  if (cfPipeline !== null) {
    source = 'pipeline';
    const { ratings } = dataset;
    withCf = fitAndScore(
      name,
      seed,
      featureSet(cfPipeline, ratings, options.modelRows, 'train', likeThreshold),
      featureSet(cfPipeline, ratings, options.validationRows, 'eval', likeThreshold),
      featureSet(cfPipeline, ratings, options.testRows, 'eval', likeThreshold),
    );
  } else {
    source = 'out-of-fold column';
    const nModel = options.modelRows.length;
    const nValidation = options.validationRows.length;
    const predictRows = new Uint32Array(nModel + nValidation + options.testRows.length);
    predictRows.set(options.modelRows, 0);
    predictRows.set(options.validationRows, nModel);
    predictRows.set(options.testRows, nModel + nValidation);
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
    withCf = fitAndScore(
      name,
      seed,
      withColumn(options.train, cf.subarray(0, nModel), 'cf_mf_oof'),
      withColumn(options.validation, cf.subarray(nModel, nModel + nValidation), 'cf_mf_oof'),
      withColumn(test, cf.subarray(nModel + nValidation), 'cf_mf_oof'),
    );
  }
  const helps = withCf.validation > without.validation;
  const servable = cfPipeline !== null;
  const used = servable && (mode === 'on' || helps);
  const kept = used ? withCf : without;
  (used ? without : withCf).classifier.dispose();
  const reason = !servable
    ? `the feature pipeline has no CF family yet, so serving could not replay the column; the served models are trained without it (it ${helps ? 'would raise' : 'does not raise'} validation AUC)`
    : mode === 'on'
      ? 'forced on (--cf)'
      : helps
        ? 'it raises validation AUC'
        : 'it does not raise validation AUC';
  options.log?.(
    `CF feature (${source}): validation AUC ${without.validation.toFixed(4)} without, ${withCf.validation.toFixed(4)} with; ${used ? 'used' : 'not used'}`,
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
    },
    pipeline: used ? cfPipeline : null,
    baseline: { model: name, classifier: kept.classifier, fitSeconds: kept.fitSeconds },
  };
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
