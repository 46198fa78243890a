import type { Dataset } from '@reco/data';
import { fitFeaturePipeline, likeLabels } from '@reco/features';
import { type Classifier, createClassifier, type ModelKind, type ParamsByKind } from '@reco/models';
import type { EvaluationSetup, RetrievalMetrics, RowsHoldout } from '@reco/retrieval';
import { evaluateLists } from '@reco/retrieval';
import {
  type HybridWeightSweep,
  type ModelInfo,
  servedLists,
  sweepHybridWeight,
  trainingRatings,
} from '@reco/serving';
import { trainServingCf } from './cf';
import { sampleRows } from './split';
import type { OnStudyProgress } from './stages';

/** Rows the classifier strategy's one refit trains on, at most: its cost must not grow with the data. */
export const RANKING_CLASSIFIER_ROWS = 200_000;

export interface ClassifierStudyOptions {
  readonly dataset: Dataset;
  readonly seed: number;
  readonly likeThreshold: number;
  readonly cfFeature: boolean;
  /** The served classifier: its kind and parameters (and XGBoost's early-stopped rounds) are refitted. */
  readonly classifier: Classifier;
  readonly threshold: number;
  readonly trainSample: number | null;
  readonly als: boolean;
  readonly info: ModelInfo;
  readonly maxUsers: number;
  readonly inner: RowsHoldout;
  /** The temporal outer training rows and the setup whose users and relevance the table uses. */
  readonly outerTrain: Uint32Array;
  readonly outerSetup: EvaluationSetup;
  readonly onProgress?: OnStudyProgress;
}

export interface ClassifierStudy {
  readonly sweep: HybridWeightSweep;
  /** Inner NDCG@10 of the classifier (the sweep's weight 1) and of the hybrid at the chosen weight. */
  readonly innerNdcg: { readonly classifier: number; readonly hybrid: number };
  readonly classifier: RetrievalMetrics;
  readonly hybrid: RetrievalMetrics;
  readonly seconds: number;
}

/**
 * The two-stage classifier and the hybrid, with ONE refit of the pipeline, the served model and
 * the CF models on the inner training rows (a bounded sample for the classifier). Those parts
 * choose the hybrid weight on the inner holdout, then rank for the outer holdout with each user's
 * outer training ratings as their history: nothing they learnt from is ever held out.
 */
export async function studyClassifier(options: ClassifierStudyOptions): Promise<ClassifierStudy> {
  const started = performance.now();
  const { dataset, seed, likeThreshold, inner } = options;
  const pipeline = await fitFeaturePipeline({
    dataset,
    trainRows: inner.train,
    seed,
    likeThreshold,
    ...(options.cfFeature ? { families: { cf: true } } : {}),
  });
  const cap = Math.min(options.trainSample ?? RANKING_CLASSIFIER_ROWS, RANKING_CLASSIFIER_ROWS);
  const rows = sampleRows(inner.train, cap, seed);
  const features = pipeline.transformRows(rows, { part: 'train' });
  const classifier = createClassifier(options.classifier.kind, refitParams(options.classifier));
  try {
    classifier.fit(
      features.data,
      features.nRows,
      features.nCols,
      likeLabels(dataset.ratings, { rows, likeThreshold }),
      { featureNames: features.names },
    );
    const cf = await trainServingCf({
      ratings: dataset.ratings,
      trainRows: inner.train,
      nUsers: dataset.users.size,
      nItems: dataset.movies.movies.length,
      likeThreshold,
      seed,
      als: options.als,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const parts = {
      catalog: dataset.movies,
      users: dataset.users,
      ratings: trainingRatings(dataset.ratings, inner.train),
      likeThreshold,
      pipeline,
      classifier,
      threshold: options.threshold,
      mf: cf.mf,
      als: cf.als,
      info: options.info,
    };
    const sweep = sweepHybridWeight({
      parts,
      ratings: dataset.ratings,
      holdoutRows: inner.holdout,
      seed,
      maxUsers: options.maxUsers,
    });
    const outerParts = { ...parts, ratings: trainingRatings(dataset.ratings, options.outerTrain) };
    const setup = options.outerSetup;
    const lists = servedLists({ parts: outerParts, users: setup.users, n: 20, hybridWeight: sweep.chosen });
    const ms = lists.msPerUser * setup.users.length;
    const atOne = sweep.weights.indexOf(1);
    return {
      sweep,
      innerNdcg: {
        classifier: atOne < 0 ? Number.NaN : sweep.ndcg[atOne]!,
        hybrid: sweep.ndcg[sweep.weights.indexOf(sweep.chosen)]!,
      },
      classifier: evaluateLists(lists.classifier, setup, ms),
      hybrid: evaluateLists(lists.hybrid, setup, ms),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    classifier.dispose();
  }
}

/** The served model's parameters for a refit without a validation set. */
function refitParams(classifier: Classifier): Partial<ParamsByKind[ModelKind]> {
  if (classifier.kind !== 'xgboost') return classifier.params;
  const params = classifier.params as ParamsByKind['xgboost'];
  const rounds = classifier.training?.iterations ?? params.nRounds;
  return { ...params, nRounds: Math.max(1, rounds), earlyStoppingRounds: null };
}
