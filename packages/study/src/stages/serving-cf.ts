import type { AlsModel, MfModel } from '@reco/cf-svd';
import type { ComparisonRow } from '@reco/eval';
import { type ModelInfo, type RecommenderParts, trainingRatings } from '@reco/serving';
import { trainServingCf } from '../cf';
import { progressOption, round, type StudyContext } from '../context';
import type { CfFeatureOutput } from './cf-feature';
import type { EvaluateOutput } from './evaluate';
import type { LoadOutput } from './load';
import type { SplitOutput } from './split';

export interface ServingCfOutput {
  readonly mf: MfModel;
  /** Null without `config.als`, and when the ranking stage fits it (`config.ranking`). */
  readonly als: AlsModel | null;
  /** When training finished (the manifest's `createdAt` and `info.trainedAt`). */
  readonly createdAt: string;
  readonly info: ModelInfo;
  /** What a `Recommender` over this study serves (before the ranking stage picks a hybrid weight). */
  readonly parts: RecommenderParts;
}

export interface ServingCfInput {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly evaluate: EvaluateOutput;
}

/**
 * Stage 7, serving-cf: MF (and implicit ALS unless the ranking stage fits it) on the training rows,
 * assembled with the best model into parts.
 */
export async function servingCfStage(input: ServingCfInput, context: StudyContext): Promise<ServingCfOutput> {
  const { config } = context;
  const { dataset, summary } = input.load;
  const { best, bestModel, comparison } = input.evaluate;
  const { mf, als } = await trainServingCf({
    ratings: dataset.ratings,
    trainRows: input.split.split.train,
    nUsers: dataset.users.size,
    nItems: dataset.movies.movies.length,
    likeThreshold: config.likeThreshold,
    seed: config.seed,
    // With the ranking stage on, ALS is fitted there, once (see stages/ranking.ts).
    als: config.als && !config.ranking,
    ...progressOption(context),
  });
  const createdAt = new Date().toISOString();
  const info: ModelInfo = {
    model: best.model,
    variant: best.variant,
    testMetrics: testMetricsOf(comparison, best),
    dataset: { source: summary.source, release: summary.release, fingerprint: summary.fingerprint },
    trainedAt: createdAt,
    trainingSeconds: round((performance.now() - context.started) / 1000, 2),
    threshold: best.threshold,
  };
  const parts: RecommenderParts = {
    catalog: dataset.movies,
    users: dataset.users,
    ratings: trainingRatings(dataset.ratings, input.split.split.train),
    likeThreshold: config.likeThreshold,
    pipeline: input['cf-feature'].pipeline,
    classifier: bestModel.classifier,
    threshold: best.threshold,
    mf,
    als,
    info,
  };
  return { mf, als, createdAt, info, parts };
}

function testMetricsOf(
  comparison: readonly ComparisonRow[],
  best: { model: string; variant: string },
): Record<string, number> {
  const row = comparison.find(
    (r) => r.model === best.model && r.variant === best.variant && r.split === 'test',
  )!;
  const { accuracy, precision, recall, f1, rocAuc, prAuc, logLoss } = row;
  return { accuracy, precision, recall, f1, rocAuc, prAuc, logLoss };
}
