/**
 * Bench helper: trains every part a Recommender needs on the given training rows of a dataset,
 * with the settings `reco train` uses by default (XGBoost classifier, 64-factor MF and ALS).
 */
import { trainAls, trainMf } from '@reco/cf-svd';
import type { Dataset } from '@reco/data';
import { fitFeaturePipeline, likeLabels } from '@reco/features';
import { type Classifier, createClassifier } from '@reco/models';
import { type RecommenderParts, trainingRatings } from '@reco/serving';

export interface TrainedParts {
  readonly parts: RecommenderParts;
  readonly seconds: Record<string, number>;
}

export async function trainParts(
  dataset: Dataset,
  trainRows: Uint32Array,
  options: {
    seed: number;
    model?: 'xgboost' | 'logistic';
    /** Fit the classifier on every n-th training row only (latency depends on trees, not rows). Default 1. */
    classifierStride?: number;
    mfEpochs?: number;
    alsIterations?: number;
  },
): Promise<TrainedParts> {
  const { seed, model = 'xgboost', classifierStride = 1 } = options;
  const { ratings, users, movies } = dataset;
  const seconds: Record<string, number> = {};
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - clock) / 1000;
    clock = now;
  };
  const pipeline = await fitFeaturePipeline({ dataset, trainRows, seed, logger: { warn: () => {} } });
  lap('pipeline');
  const fitRows = classifierStride === 1 ? trainRows : trainRows.filter((_, i) => i % classifierStride === 0);
  const labels = likeLabels(ratings, { rows: fitRows });
  const classifier: Classifier =
    model === 'xgboost'
      ? createClassifier('xgboost', {
          nRounds: 200,
          maxDepth: 6,
          eta: 0.1,
          earlyStoppingRounds: null,
          seed,
          nthread: 2,
        })
      : createClassifier('logistic', {});
  const features = pipeline.transformRows(fitRows, { part: 'train' });
  classifier.fit(features.data, features.nRows, features.nCols, labels, {
    featureNames: pipeline.featureNames,
  });
  lap('classifier');
  const input = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    rows: trainRows,
    nUsers: users.size,
    nItems: movies.movies.length,
  };
  const mf = await trainMf({
    ...input,
    seed,
    ...(options.mfEpochs === undefined ? {} : { epochs: options.mfEpochs }),
  });
  lap('mf');
  const als = await trainAls({
    ...input,
    seed,
    ...(options.alsIterations === undefined ? {} : { iterations: options.alsIterations }),
  });
  lap('als');
  const parts: RecommenderParts = {
    catalog: movies,
    users,
    ratings: trainingRatings(ratings, trainRows),
    likeThreshold: pipeline.options.likeThreshold,
    pipeline,
    classifier,
    threshold: 0.5,
    mf,
    als,
    info: {
      model,
      variant: 'bench',
      testMetrics: {},
      dataset: { source: dataset.source, release: null, fingerprint: 'bench' },
      trainedAt: new Date(0).toISOString(),
      trainingSeconds: Object.values(seconds).reduce((a, b) => a + b, 0),
      threshold: 0.5,
    },
  };
  return { parts, seconds };
}
