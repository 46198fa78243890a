import type { RankingEvaluation, RecommenderParts } from '@reco/serving';
import { progressOption, type StudyContext } from '../context';
import { evaluateStudyRanking } from '../ranking';
import type { CfFeatureOutput } from './cf-feature';
import type { EvaluateOutput } from './evaluate';
import type { LoadOutput } from './load';
import type { ServingCfOutput } from './serving-cf';

export interface RankingOutput {
  /** The strategies compared on a nested per-user temporal holdout; null when `config.ranking` is off. */
  readonly ranking: RankingEvaluation | null;
  /** The served parts, with the hybrid weight the ranking chose on its inner holdout. */
  readonly served: RecommenderParts;
}

export interface RankingInput {
  readonly load: LoadOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly evaluate: EvaluateOutput;
  readonly 'serving-cf': ServingCfOutput;
}

/** Stage 8, ranking: top-N strategies compared (`metrics/ranking.*`) and the hybrid weight chosen. */
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
    ...progressOption(context),
  });
  context.log(
    `ranking: best strategy ${ranking.best.strategy}, NDCG@${ranking.k} ${ranking.best.ndcg.toFixed(4)}; ` +
      `hybrid weight ${ranking.hybridWeight}`,
  );
  const sweep = ranking.hybridWeightSweep;
  return { ranking, served: sweep === undefined ? parts : { ...parts, hybridWeight: sweep.chosen } };
}
