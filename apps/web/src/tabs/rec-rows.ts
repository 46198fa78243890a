import type { PredictionsBody, RecommendationItemBody } from '@reco/client';

/** A recommended movie with the served classifier's probability that the person likes it. */
export interface RecRow extends RecommendationItemBody {
  /** P(like) from the classifier; undefined while it is being asked for, null when not known. */
  readonly probability: number | null | undefined;
}

/**
 * The list's rows with their like probabilities. The classifier strategy's score is that
 * probability already; otherwise it comes from `POST /v1/predict` (known users only), so a new
 * user's list under another strategy has none (null). `predictions` undefined: still loading.
 */
export function withProbabilities(
  items: readonly RecommendationItemBody[],
  strategy: string,
  predictions: PredictionsBody | null | undefined,
): RecRow[] {
  if (strategy === 'classifier') return items.map((item) => ({ ...item, probability: item.score }));
  const byMovie = new Map(predictions?.predictions.map((p) => [p.movieId, p.probability]));
  return items.map((item) => ({
    ...item,
    probability: predictions === undefined ? undefined : (byMovie.get(item.movieId) ?? null),
  }));
}

/** `0.873`, `…` while loading, `–` when the probability is not known. */
export function probabilityText(p: number | null | undefined): string {
  if (p === undefined) return '…';
  return p === null ? '–' : p.toFixed(3);
}

/** The score column's header: what the number is for the strategy that ranked the list. */
export function scoreLabel(strategy: string): string {
  return strategy === 'classifier' ? 'Score (P(like))' : `Score (${strategy})`;
}
