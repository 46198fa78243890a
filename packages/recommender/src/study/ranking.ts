import type { Dataset } from '@reco/data';
import { fitFeaturePipeline, likeLabels } from '@reco/features';
import { type Classifier, createClassifier, type ModelKind, type ParamsByKind } from '@reco/models';
import { type RecommenderParts, trainingRatings } from '../parts';
import { evaluateRanking, type RankingEvaluation } from '../ranking/evaluate-ranking';
import { rankingHoldout } from '../ranking/holdout';
import type { ModelInfo } from '../types';
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
 * The ranking comparison of `reco train` (`metrics/ranking.{json,md}`). Ranking needs its own
 * holdout, each user's latest 20%, so every part is refitted without those rows: the pipeline,
 * the served model's kind and parameters (XGBoost keeps the number of rounds early stopping
 * chose), MF and ALS. Then `evaluateRanking` compares popularity, MF, ALS, the classifier and the
 * hybrid, two-stage and exhaustive.
 */
export async function evaluateStudyRanking(options: StudyRankingOptions): Promise<RankingEvaluation> {
  const { dataset, seed, likeThreshold, onProgress } = options;
  const { ratings } = dataset;
  const holdout = rankingHoldout(ratings, { seed });
  const pipeline = await fitFeaturePipeline({
    dataset,
    trainRows: holdout.train,
    seed,
    likeThreshold,
    ...(options.cfFeature ? { families: { cf: true } } : {}),
  });
  const rows = sampleRows(holdout.train, options.trainSample, seed);
  const features = pipeline.transformRows(rows, { part: 'train' });
  const classifier = createClassifier(options.classifier.kind, refitParams(options.classifier));
  try {
    onProgress?.({ stage: 'ranking: classifier', done: 0, total: 1, unit: 'fits' });
    classifier.fit(
      features.data,
      features.nRows,
      features.nCols,
      likeLabels(ratings, { rows, likeThreshold }),
      {
        featureNames: features.names,
      },
    );
    onProgress?.({ stage: 'ranking: classifier', done: 1, total: 1, unit: 'fits' });
    const cf = await trainServingCf({
      ratings,
      trainRows: holdout.train,
      nUsers: dataset.users.size,
      nItems: dataset.movies.movies.length,
      likeThreshold,
      seed,
      als: options.als,
      ...(onProgress ? { onProgress } : {}),
    });
    const parts: RecommenderParts = {
      catalog: dataset.movies,
      users: dataset.users,
      ratings: trainingRatings(ratings, holdout.train),
      likeThreshold,
      pipeline,
      classifier,
      threshold: options.threshold,
      mf: cf.mf,
      als: cf.als,
      info: options.info,
    };
    return evaluateRanking({
      parts,
      ratings,
      holdoutRows: holdout.holdout,
      seed,
      maxUsers: options.maxUsers,
      onProgress: (p) => onProgress?.({ ...p, stage: `ranking: ${p.stage}` }),
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
