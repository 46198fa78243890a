import { type Column, toMarkdown, toTerminalTable } from '@reco/eval';
import type { StrategyRow, StudyRanking } from './ranking';

const COLUMNS: readonly Column<StrategyRow>[] = [
  { key: 'strategy' },
  { key: 'holdout', best: 'none' },
  { key: 'ndcg', header: 'NDCG@10', best: 'max' },
  { key: 'recall20', header: 'R@20', best: 'max' },
  { key: 'map', header: 'MAP@10', best: 'max' },
  { key: 'hitRate', header: 'HR@10', best: 'max' },
  { key: 'coverage', header: 'coverage', best: 'max' },
  { key: 'meanPopularity', header: 'mean pop', digits: 0, best: 'none' },
  { key: 'msPerUser', header: 'ms/user', digits: 2, best: 'none' },
  { key: 'evaluatedUsers', header: 'users', best: 'none' },
  {
    key: 'innerNdcg',
    header: 'inner NDCG',
    best: 'none',
    format: (v) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(4) : '-'),
  },
];

/** Both holdouts in one table, the best value per metric marked within each holdout. */
function rows(ranking: StudyRanking): StrategyRow[] {
  return [...ranking.results, ...ranking.random];
}

/** What was served and why, the lift over popularity, the hybrid weight and the notes. */
export function rankingSummary(ranking: StudyRanking): string {
  const { best, served, k, users } = ranking;
  const lift =
    best.liftOverPopularity === null
      ? ''
      : ` (${(best.liftOverPopularity * 100).toFixed(1)}% over popularity)`;
  const popularity = ranking.results.find((r) => r.strategy === 'popularity');
  const servedRow = ranking.results.find((r) => r.strategy === served.strategy);
  const servedLift =
    popularity && servedRow && popularity.ndcg > 0
      ? `, ${(servedRow.ndcg / popularity.ndcg).toFixed(2)}x popularity`
      : '';
  const lines = [
    `Full ranking over the catalogue, every training-rated movie excluded; temporal holdout: each of ${users} users' latest 20%; random holdout: a random 20% per user` +
      (ranking.sampledRatings === null
        ? '.'
        : `; on a seeded sample of whole users holding ${ranking.sampledRatings} ratings (the served model is refitted on every training rating).`),
    `Best on the temporal holdout: ${best.strategy}, NDCG@${k} ${best.ndcg.toFixed(4)}${lift}.`,
    `Served by default: ${served.strategy}${servedRow ? ` (temporal NDCG@${k} ${servedRow.ndcg.toFixed(4)}${servedLift})` : ''}; chosen on an inner holdout the table never uses: ${served.reason}.`,
    `Hybrid weight ${ranking.hybridWeight} (chosen on the inner holdout).`,
    ...ranking.notes.map((n) => `Note: ${n}.`),
  ];
  return lines.join('\n');
}

/** `metrics/ranking.md`. */
export function studyRankingMarkdown(ranking: StudyRanking): string {
  return `# Ranking at k = ${ranking.k}\n\n${rankingSummary(ranking)}\n\n${toMarkdown(rows(ranking), { columns: COLUMNS, groupBy: 'holdout' })}\n`;
}

/** `metrics/ranking.json`: the whole comparison. */
export function studyRankingJson(ranking: StudyRanking): string {
  return `${JSON.stringify(ranking, null, 2)}\n`;
}

/** The table `reco train` prints. */
export function studyRankingTerminalTable(ranking: StudyRanking, options: { color?: boolean } = {}): string {
  const table = toTerminalTable(rows(ranking), {
    columns: COLUMNS,
    groupBy: 'holdout',
    color: options.color ?? false,
  });
  return `${table}\n${rankingSummary(ranking)}`;
}
