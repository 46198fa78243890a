import type { Dataset } from '@reco/data';
import { fitFeaturePipeline, likeLabels } from '@reco/features';
import { type Classifier, createClassifier, type ModelKind, type ParamsByKind } from '@reco/models';
import type { ModelInfo } from '@reco/serving';
import {
  evaluateRanking,
  nestedRankingHoldout,
  type RankingEvaluation,
  type RecommenderParts,
  sweepHybridWeight,
  trainingRatings,
} from '@reco/serving';
import { trainServingCf } from './cf';
import { sampleRows } from './split';
import type { OnStudyProgress } from './stages';

export interface StudyRankingOptions {
  readonly dataset: Dataset;
  readonly seed: number;
  readonly likeThreshold: number;
  /** Whether the served pipeline has the CF family. */
  readonly cfFeature: boolean;
  /** The served classifier: its kind and parameters are refitted on the ranking training rows. */
  readonly classifier: Classifier;
  readonly threshold: number;
  readonly trainSample: number | null;
  readonly als: boolean;
  readonly info: ModelInfo;
  /** Users evaluated (a seeded sample above this). */
  readonly maxUsers: number;
  readonly onProgress?: OnStudyProgress;
}

/**
 * The ranking comparison of `reco train` (`metrics/ranking.{json,md}`). Ranking needs holdouts of
 * its own, so every part is refitted without them: the pipeline, the served model's kind and
 * parameters (XGBoost keeps the number of rounds early stopping chose), MF and ALS. Two nested
 * per-user temporal holdouts keep the hybrid weight honest:
 * 1. parts fitted on the inner training rows choose the weight by NDCG@10 on the inner holdout
 *    (`sweepHybridWeight`);
 * 2. parts fitted on the outer training rows (inner training + inner holdout) are compared on the
 *    outer holdout, each user's latest 20%, with that weight (`evaluateRanking`). The outer holdout
 *    plays no part in the choice, so the hybrid's row is not tuned on the rows it is reported on.
 */
export async function evaluateStudyRanking(options: StudyRankingOptions): Promise<RankingEvaluation> {
  const { dataset, seed, onProgress } = options;
  const holdout = nestedRankingHoldout(dataset.ratings, { seed });
  const progress =
    (prefix: string): OnStudyProgress =>
    (p) =>
      onProgress?.({ ...p, stage: `${prefix}: ${p.stage}` });

  const sweep = await withRankingParts(options, holdout.tuning.train, progress('hybrid weight'), (parts) =>
    sweepHybridWeight({
      parts,
      ratings: dataset.ratings,
      holdoutRows: holdout.tuning.holdout,
      seed,
      maxUsers: options.maxUsers,
      onProgress: progress('hybrid weight'),
    }),
  );
  const evaluation = await withRankingParts(options, holdout.train, progress('ranking'), (parts) =>
    evaluateRanking({
      parts,
      ratings: dataset.ratings,
      holdoutRows: holdout.holdout,
      seed,
      maxUsers: options.maxUsers,
      serving: { hybridWeight: sweep.chosen },
      onProgress: progress('ranking'),
    }),
  );
  return { ...evaluation, hybridWeightSweep: sweep };
}

/** Fits every serving part on `trainRows` alone, hands them to `use`, and frees the classifier. */
async function withRankingParts<T>(
  options: StudyRankingOptions,
  trainRows: Uint32Array,
  onProgress: OnStudyProgress,
  use: (parts: RecommenderParts) => T,
): Promise<T> {
  const { dataset, seed, likeThreshold } = options;
  const { ratings } = dataset;
  const pipeline = await fitFeaturePipeline({
    dataset,
    trainRows,
    seed,
    likeThreshold,
    ...(options.cfFeature ? { families: { cf: true } } : {}),
  });
  const rows = sampleRows(trainRows, options.trainSample, seed);
  const features = pipeline.transformRows(rows, { part: 'train' });
  const classifier = createClassifier(options.classifier.kind, refitParams(options.classifier));
  try {
    onProgress({ stage: 'classifier', done: 0, total: 1, unit: 'fits' });
    classifier.fit(
      features.data,
      features.nRows,
      features.nCols,
      likeLabels(ratings, { rows, likeThreshold }),
      {
        featureNames: features.names,
      },
    );
    onProgress({ stage: 'classifier', done: 1, total: 1, unit: 'fits' });
    const cf = await trainServingCf({
      ratings,
      trainRows,
      nUsers: dataset.users.size,
      nItems: dataset.movies.movies.length,
      likeThreshold,
      seed,
      als: options.als,
      onProgress,
    });
    return use({
      catalog: dataset.movies,
      users: dataset.users,
      ratings: trainingRatings(ratings, trainRows),
      likeThreshold,
      pipeline,
      classifier,
      threshold: options.threshold,
      mf: cf.mf,
      als: cf.als,
      info: options.info,
    });
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
