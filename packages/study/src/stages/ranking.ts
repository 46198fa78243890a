import type { AlsModel } from '@reco/cf-svd';
import { buildInteractions, fitRetriever, type Retriever, type RetrieverKind } from '@reco/retrieval';
import type { RecommenderParts, ScoringStrategy } from '@reco/serving';
import { trainServingAls } from '../cf';
import { progressOption, type StudyContext } from '../context';
import { evaluateStudyRanking, SERVABLE_RETRIEVERS, type ServedChoice, type StudyRanking } from '../ranking';
import type { CfFeatureOutput } from './cf-feature';
import type { EvaluateOutput } from './evaluate';
import type { LoadOutput } from './load';
import type { ServingCfOutput } from './serving-cf';
import type { SplitOutput } from './split';

export interface RankingOutput {
  /** The strategies compared on nested per-user holdouts; null when `config.ranking` is off. */
  readonly ranking: StudyRanking | null;
  /**
   * The served parts: the hybrid weight, the retrieval models and the default strategy the ranking
   * chose on its inner holdout (without a ranking: the classifier, as before).
   */
  readonly served: RecommenderParts;
}

export interface RankingInput {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly evaluate: EvaluateOutput;
  readonly 'serving-cf': ServingCfOutput;
}

/** Stage 8, ranking: top-N strategies compared (`metrics/ranking.*`) and what to serve chosen. */
export async function rankingStage(input: RankingInput, context: StudyContext): Promise<RankingOutput> {
  const { config } = context;
  const { parts, info } = input['serving-cf'];
  if (!config.ranking) return { ranking: null, served: parts };
  const ranking = await evaluateStudyRanking({
    dataset: input.load.dataset,
    seed: config.seed,
    likeThreshold: config.likeThreshold,
    cfFeature: input['cf-feature'].comparison.used,
    classifier: input.evaluate.bestModel.classifier,
    threshold: input.evaluate.best.threshold,
    trainSample: config.trainSample,
    als: config.als,
    info,
    maxUsers: config.rankingUsers,
    easeMaxItems: config.easeMaxItems,
    maxRatings: config.rankingMaxRatings,
    ...progressOption(context),
  });
  const { served } = ranking;
  context.log(
    `ranking: best on the reported holdout ${ranking.best.strategy} (NDCG@${ranking.k} ${ranking.best.ndcg.toFixed(4)}); ` +
      `served by default: ${served.strategy}, ${served.reason}`,
  );
  for (const note of ranking.notes) context.log(`ranking: ${note}`);
  const retrievers = await servedRetrievers(input, context, served);
  return {
    ranking,
    served: {
      ...parts,
      als: await servedAls(input, context, retrievers),
      hybridWeight: ranking.hybridWeight,
      retrievers,
      defaultStrategy: served.strategy as ScoringStrategy,
    },
  };
}

/**
 * The ALS model of the served parts (the 'cf' strategy, the classifier's candidates, fold-in), fitted
 * once on the serving training rows: the served ALS retriever itself when the ranking chose ALS (its
 * inner-tuned parameters), else cf-svd's defaults. One 20M-rating ALS fit is ~25 s.
 */
async function servedAls(
  input: RankingInput,
  context: StudyContext,
  retrievers: readonly Retriever[],
): Promise<AlsModel | null> {
  if (!context.config.als) return null;
  const fitted = retrievers.find((r): r is AlsModel => r.kind === 'als');
  if (fitted !== undefined) return fitted;
  const { dataset } = input.load;
  return trainServingAls({
    ratings: dataset.ratings,
    trainRows: input.split.split.train,
    nUsers: dataset.users.size,
    nItems: dataset.movies.movies.length,
    likeThreshold: context.config.likeThreshold,
    seed: context.config.seed,
    ...progressOption(context),
  });
}

/**
 * The retrieval models the bundle serves, refitted on the serving training rows with the
 * parameters the inner holdout chose: popularity (always: the fallback every table compares
 * against) and the served strategy when it is a retriever.
 */
async function servedRetrievers(
  input: RankingInput,
  context: StudyContext,
  served: ServedChoice,
): Promise<Retriever[]> {
  const { dataset } = input.load;
  const { ratings } = dataset;
  const rows = input.split.split.train;
  const columns = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: dataset.users.size,
    nItems: dataset.movies.movies.length,
  };
  const matrix = buildInteractions({ ...columns, rows, likeThreshold: context.config.likeThreshold });
  const kinds: RetrieverKind[] = ['popularity'];
  const kind = served.strategy as RetrieverKind;
  if (kind !== 'popularity' && (SERVABLE_RETRIEVERS as readonly string[]).includes(kind)) kinds.push(kind);
  const fit = { matrix, ratings: columns, rows, seed: context.config.seed };
  const out: Retriever[] = [];
  for (const k of kinds) {
    const params = k === kind ? served.params : {};
    out.push(await fitRetriever(k, params as never, fit));
  }
  return out;
}
