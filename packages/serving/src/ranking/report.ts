import { type Column, toJson, toMarkdown, toTerminalTable } from '@reco/eval';
import type { RankingEvaluation, RankingResult } from './evaluate-ranking';

const COLUMNS: readonly Column<RankingResult>[] = [
  { key: 'strategy' },
  { key: 'mode', best: 'none' },
  { key: 'ndcg', header: 'NDCG@k' },
  { key: 'recall', header: 'R@k' },
  { key: 'map', header: 'MAP@k' },
  { key: 'precision', header: 'P@k' },
  { key: 'hitRate', header: 'HR@k' },
  { key: 'coverage' },
  { key: 'msPerUser', header: 'ms/user', digits: 2, best: 'none' },
  { key: 'evaluatedUsers', header: 'users', best: 'none' },
];

function summary(evaluation: RankingEvaluation): string {
  const { best, k, users, holdoutRows, relevantRows } = evaluation;
  const lift =
    best.liftOverPopularity === null
      ? ''
      : ` (${(best.liftOverPopularity * 100).toFixed(1)}% NDCG@${k} over popularity)`;
  return (
    `${users} users, ${holdoutRows} held-out ratings of which ${relevantRows} liked. ` +
    `Best: ${best.strategy}, NDCG@${k} ${best.ndcg.toFixed(4)}${lift}.${sweepLine(evaluation)}`
  );
}

/** Where the hybrid's weight came from: the sweep on the inner holdout, when there was one. */
function sweepLine(evaluation: RankingEvaluation): string {
  const sweep = evaluation.hybridWeightSweep;
  if (sweep === undefined) return `\nHybrid weight ${evaluation.hybridWeight} (given, not tuned).`;
  const tried = sweep.weights.map((w, i) => `${w}: ${sweep.ndcg[i]!.toFixed(4)}`).join(', ');
  return (
    `\nHybrid weight ${sweep.chosen}, chosen by NDCG@${sweep.k} on an inner holdout of ${sweep.users} users ` +
    `that the table above never uses (${tried}).`
  );
}

/** `metrics/ranking.md`: the table with the best value per metric marked, and a one-line summary. */
export function rankingMarkdown(evaluation: RankingEvaluation): string {
  return `# Ranking at k = ${evaluation.k}\n\n${summary(evaluation)}\n\n${toMarkdown(evaluation.results, { columns: COLUMNS, groupBy: null })}\n`;
}

/** `metrics/ranking.json`: the whole evaluation as JSON. */
export function rankingJson(evaluation: RankingEvaluation): string {
  return `${JSON.stringify({ ...evaluation, results: JSON.parse(toJson(evaluation.results)) }, null, 2)}\n`;
}

/** The table for a terminal (`reco train` output). */
export function rankingTerminalTable(
  evaluation: RankingEvaluation,
  options: { color?: boolean } = {},
): string {
  return `${toTerminalTable(evaluation.results, { columns: COLUMNS, groupBy: null, color: options.color ?? false })}\n${summary(evaluation)}`;
}
