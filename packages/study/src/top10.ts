import type { Recommender } from '@reco/serving';

/**
 * `recommendations/top10.csv`: the served recommender's top 10 for every user, so the bundle's
 * lists are exactly what `reco recommend` and the API return. Columns `userId,rank,movieId,title,score`.
 */
export function top10Csv(
  recommender: Recommender,
  userIds: Int32Array,
  onProgress?: (done: number, total: number) => void,
): string {
  const lines = ['userId,rank,movieId,title,score'];
  let done = 0;
  // recommendMany scores the users in blocks; each list is still exactly recommend(userId).
  for (const { userId, recommendations } of recommender.recommendMany(userIds, { n: 10 })) {
    recommendations.items.forEach((item, i) => {
      lines.push(`${userId},${i + 1},${item.movieId},${csvField(item.title)},${item.score.toFixed(6)}`);
    });
    done++;
    if (onProgress !== undefined && (done % 256 === 0 || done === userIds.length)) {
      onProgress(done, userIds.length);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
