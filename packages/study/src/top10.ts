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
  for (let u = 0; u < userIds.length; u++) {
    const userId = userIds[u]!;
    const { items } = recommender.recommend(userId, { n: 10 });
    items.forEach((item, i) => {
      lines.push(`${userId},${i + 1},${item.movieId},${csvField(item.title)},${item.score.toFixed(6)}`);
    });
    if (onProgress !== undefined && ((u + 1) % 256 === 0 || u + 1 === userIds.length)) {
      onProgress(u + 1, userIds.length);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
