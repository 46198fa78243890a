import type { RankingReport } from '../ranking/metrics';
import type { ClassificationReport } from '../report';
import type { Column } from './columns';

/** How a model's hyperparameters were chosen. Other names are allowed. */
export type Variant = 'baseline' | 'grid' | 'random' | (string & {});

/** Which held-out split a row was measured on. */
export type EvalSplit = 'val' | 'test';

/**
 * One row of the model comparison: model x variant x split, with its metrics. `threshold` is the
 * one chosen on validation and applied to both splits. Extra keys (timings, sizes) may follow.
 */
export interface ComparisonRow
  extends Pick<
    ClassificationReport,
    'accuracy' | 'precision' | 'recall' | 'f1' | 'rocAuc' | 'prAuc' | 'logLoss' | 'threshold'
  > {
  readonly model: string;
  readonly variant: Variant;
  readonly split: EvalSplit;
  readonly brier?: number;
  readonly [extra: string]: unknown;
}

export interface ComparisonRowOptions {
  readonly model: string;
  readonly variant: Variant;
  readonly split: EvalSplit;
  /** Extra keys appended after the metrics, e.g. `{ seconds: 12.3 }`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Turns a classification report into a comparison row. */
export function toComparisonRow(report: ClassificationReport, options: ComparisonRowOptions): ComparisonRow {
  const { model, variant, split, extra } = options;
  return {
    model,
    variant,
    split,
    accuracy: report.accuracy,
    precision: report.precision,
    recall: report.recall,
    f1: report.f1,
    rocAuc: report.rocAuc,
    prAuc: report.prAuc,
    logLoss: report.logLoss,
    brier: report.brier,
    threshold: report.threshold,
    ...extra,
  };
}

/** The comparison table's standard columns, in the deck's order. Best values: max, except log loss and Brier (min). */
export const comparisonColumns: readonly Column<ComparisonRow>[] = [
  { key: 'model' },
  { key: 'variant' },
  { key: 'split' },
  { key: 'accuracy' },
  { key: 'precision' },
  { key: 'recall' },
  { key: 'f1' },
  { key: 'rocAuc' },
  { key: 'prAuc' },
  { key: 'logLoss' },
  { key: 'brier' },
  { key: 'threshold', digits: 3, best: 'none' },
];

/** One row of the ranking comparison: a recommendation strategy and its ranking metrics at k. */
export interface RankingRow
  extends Pick<
    RankingReport,
    | 'k'
    | 'precision'
    | 'recall'
    | 'ndcg'
    | 'map'
    | 'mrr'
    | 'hitRate'
    | 'coverage'
    | 'evaluatedUsers'
    | 'skippedUsers'
  > {
  readonly strategy: string;
  readonly [extra: string]: unknown;
}

export interface RankingRowOptions {
  readonly strategy: string;
  /** Extra keys appended after the metrics, e.g. `{ split: 'test' }`. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** Turns a ranking report into a ranking-comparison row. */
export function toRankingRow(report: RankingReport, options: RankingRowOptions): RankingRow {
  const { strategy, extra } = options;
  return {
    strategy,
    k: report.k,
    precision: report.precision,
    recall: report.recall,
    ndcg: report.ndcg,
    map: report.map,
    mrr: report.mrr,
    hitRate: report.hitRate,
    coverage: report.coverage,
    evaluatedUsers: report.evaluatedUsers,
    skippedUsers: report.skippedUsers,
    ...extra,
  };
}

/** The ranking table's standard columns (strategy x metrics at k). */
export const rankingColumns: readonly Column<RankingRow>[] = [
  { key: 'strategy' },
  { key: 'k' },
  { key: 'precision', header: 'P@k' },
  { key: 'recall', header: 'R@k' },
  { key: 'ndcg', header: 'NDCG@k' },
  { key: 'map', header: 'MAP@k' },
  { key: 'mrr', header: 'MRR@k' },
  { key: 'hitRate', header: 'HR@k' },
  { key: 'coverage' },
  { key: 'evaluatedUsers', header: 'users' },
];
