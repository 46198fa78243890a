/** Which value of a column is best, for highlighting. */
export type BestDirection = 'max' | 'min' | 'none';

/** How one column of a table is shown. */
export interface Column<Row extends object = Record<string, unknown>> {
  /** Key of the value in each row; also the CSV header and JSON key. */
  readonly key: Extract<keyof Row, string>;
  /** Header in the terminal and Markdown tables. Default: a known label for the key, else the key. */
  readonly header?: string;
  /**
   * Decimal places of numbers in the terminal and Markdown tables. Default 4 for the known
   * metric keys; for other keys 4, or 0 when every value of the column is a whole number.
   * CSV and JSON always keep full precision.
   */
  readonly digits?: number;
  /** Custom text of a value in the terminal and Markdown tables; wins over `digits`. */
  readonly format?: (value: Row[Extract<keyof Row, string>], row: Row) => string;
  /** Which value is highlighted as best. Default: known for metric names (e.g. max for rocAuc, min for logLoss), else 'none'. */
  readonly best?: BestDirection;
}

/** Keys or column specs, in display order. */
export type ColumnsOption<Row extends object> = readonly (Extract<keyof Row, string> | Column<Row>)[];

interface KnownColumn {
  readonly header: string;
  readonly best: BestDirection;
}

/** Labels and "better" directions of the metric keys this package produces. */
const KNOWN_COLUMNS: Readonly<Record<string, KnownColumn>> = {
  accuracy: { header: 'accuracy', best: 'max' },
  precision: { header: 'precision', best: 'max' },
  recall: { header: 'recall', best: 'max' },
  f1: { header: 'F1', best: 'max' },
  rocAuc: { header: 'ROC AUC', best: 'max' },
  prAuc: { header: 'PR AUC', best: 'max' },
  logLoss: { header: 'log loss', best: 'min' },
  brier: { header: 'Brier', best: 'min' },
  rmse: { header: 'RMSE', best: 'min' },
  mae: { header: 'MAE', best: 'min' },
  expectedCalibrationError: { header: 'ECE', best: 'min' },
  ndcg: { header: 'NDCG', best: 'max' },
  map: { header: 'MAP', best: 'max' },
  mrr: { header: 'MRR', best: 'max' },
  hitRate: { header: 'hit rate', best: 'max' },
  coverage: { header: 'coverage', best: 'max' },
  meanPopularity: { header: 'mean pop', best: 'none' },
};

const METRIC_DIGITS = 4;

/** A column with every default filled in. */
export interface ResolvedColumn {
  readonly key: string;
  readonly header: string;
  readonly digits: number | undefined;
  readonly format: ((value: never, row: never) => string) | undefined;
  readonly best: BestDirection;
}

/** Resolves the columns option, or infers the columns from the union of the rows' keys (first-seen order). */
export function resolveColumns<Row extends object>(
  rows: readonly Row[],
  columns: ColumnsOption<Row> | undefined,
): ResolvedColumn[] {
  const specs: readonly (string | Column<Row>)[] = columns ?? inferKeys(rows);
  return specs.map((spec) => {
    const column: Column<Row> | { key: string } = typeof spec === 'string' ? { key: spec } : spec;
    const known = KNOWN_COLUMNS[column.key];
    const full = column as Partial<Column<Row>>;
    return {
      key: column.key,
      header: full.header ?? known?.header ?? column.key,
      // Metrics keep 4 decimals even when a value happens to be whole (a recall of 1).
      digits: full.digits ?? (known === undefined ? undefined : METRIC_DIGITS),
      format: full.format as ResolvedColumn['format'],
      best: full.best ?? known?.best ?? 'none',
    };
  });
}

function inferKeys(rows: readonly object[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}
