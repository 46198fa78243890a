import type { ModelReportBody } from '@reco/client';

export type ComparisonRowBody = ModelReportBody['comparison'][number];
export type ComparisonKey = 'accuracy' | 'precision' | 'recall' | 'f1' | 'rocAuc' | 'prAuc' | 'logLoss';

/** The metric columns; log loss is the one where lower is better. */
export const METRICS: readonly { key: ComparisonKey; label: string; lowerIsBetter?: boolean }[] = [
  { key: 'rocAuc', label: 'ROC AUC' },
  { key: 'prAuc', label: 'PR AUC' },
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'precision', label: 'Precision' },
  { key: 'recall', label: 'Recall' },
  { key: 'f1', label: 'F1' },
  { key: 'logLoss', label: 'Log loss', lowerIsBetter: true },
];

/** Best value per `split:metric`, so each split's best cell can be marked. */
export function bestPerColumn(rows: readonly ComparisonRowBody[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const row of rows) {
    for (const m of METRICS) {
      const key = `${row.split}:${m.key}`;
      const seen = best.get(key);
      const v = row[m.key];
      if (seen === undefined || (m.lowerIsBetter ? v < seen : v > seen)) best.set(key, v);
    }
  }
  return best;
}

/** Rows sorted by one metric, test rows and validation rows kept apart (split first). */
export function sortRows(
  rows: readonly ComparisonRowBody[],
  key: ComparisonKey,
  desc: boolean,
): ComparisonRowBody[] {
  return [...rows].sort(
    (a, b) => a.split.localeCompare(b.split) || (desc ? b[key] - a[key] : a[key] - b[key]),
  );
}
