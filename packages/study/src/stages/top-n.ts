import { createRecommender } from '@reco/serving';
import type { StudyContext } from '../context';
import { top10Csv } from '../top10';
import type { LoadOutput } from './load';
import type { RankingOutput } from './ranking';

export interface TopNOutput {
  /** `recommendations/top10.csv` from the served recommender; null when `config.top10` is off. */
  readonly top10: string | null;
}

/** Stage 9, top-N: every user's top 10 from the recommender the bundle will serve. */
export function topNStage(
  input: { readonly load: LoadOutput; readonly ranking: RankingOutput },
  context: StudyContext,
): TopNOutput {
  if (!context.config.top10) return { top10: null };
  const recommender = createRecommender(input.ranking.served);
  const top10 = top10Csv(recommender, input.load.dataset.users.ids, (done, total) =>
    context.onProgress?.({ stage: 'top 10 per user', done, total, unit: 'users' }),
  );
  return { top10 };
}
