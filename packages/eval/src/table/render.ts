import { type ColumnsOption, type ResolvedColumn, resolveColumns } from './columns';

export interface TableOptions<Row extends object> {
  /** Columns in order, as keys or `Column` specs. Default: every key of the rows, in first-seen order. */
  readonly columns?: ColumnsOption<Row>;
  /**
   * Best values are highlighted within groups of rows that share this key's value, e.g. per
   * split. Default: `'split'` when the rows have that key, otherwise the whole table; `null`
   * compares the whole table.
   */
  readonly groupBy?: Extract<keyof Row, string> | null;
}

export interface TerminalTableOptions<Row extends object> extends TableOptions<Row> {
  /** Highlight the best values in bold green with ANSI codes. Default false. */
  readonly color?: boolean;
  /** Mark the best values at all (with `*`, or with color when `color` is on). Default true. */
  readonly markBest?: boolean;
}

export interface CsvOptions<Row extends object> {
  /** Columns in order. Default: every key of the rows. The header row holds the keys. */
  readonly columns?: ColumnsOption<Row>;
  /** Record separator. Default `'\r\n'`, as RFC 4180 specifies. */
  readonly newline?: string;
}

export interface JsonOptions<Row extends object> {
  /** Keep only these keys, in this order. Default: the rows as they are. */
  readonly columns?: ColumnsOption<Row>;
}

const BOLD_GREEN = '\u001b[1;32m';
const RESET = '\u001b[0m';
const BEST_MARKER = '*';

/**
 * Aligned plain-text table for a terminal: text left-aligned, numbers right-aligned and
 * rounded (see `Column.digits`), a rule under the header, and the best value of every metric
 * column marked per group (`*`, or bold green with `color: true`). No trailing newline.
 */
export function toTerminalTable<Row extends object>(
  rows: readonly Row[],
  options: TerminalTableOptions<Row> = {},
): string {
  const { color = false, markBest = true } = options;
  const { columns, cells, best, numeric } = layout(rows, options);
  const texts = cells.map((row, r) =>
    row.map((text, c) => {
      if (!markBest || color || !columnHasBest(best, c)) return text;
      // Unmarked numbers get a space where the marker would be, so decimal points stay aligned.
      return text + (best[r]![c] ? BEST_MARKER : ' ');
    }),
  );
  // A reduce, not Math.max(...spread), so a long table cannot overflow the argument limit.
  const widths = columns.map((column, c) =>
    texts.reduce((width, row) => Math.max(width, row[c]!.length), column.header.length),
  );
  // Padding is measured on the plain text; the ANSI codes wrap only the text, not the padding.
  const pad = (text: string, c: number, highlight = false): string => {
    const fill = ' '.repeat(widths[c]! - text.length);
    const shown = highlight ? BOLD_GREEN + text + RESET : text;
    return numeric[c] ? fill + shown : shown + fill;
  };
  const lines = [
    columns.map((column, c) => pad(column.header, c)).join('  '),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...texts.map((row, r) => row.map((text, c) => pad(text, c, markBest && color && best[r]![c])).join('  ')),
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}

/**
 * GitHub-flavoured Markdown table: numbers rounded and right-aligned, the best value of every
 * metric column in **bold** per group, `|` escaped. Ends with a newline.
 */
export function toMarkdown<Row extends object>(
  rows: readonly Row[],
  options: TableOptions<Row> = {},
): string {
  const { columns, cells, best, numeric } = layout(rows, options);
  const line = (values: readonly string[]): `| ${string} |` => `| ${values.join(' | ')} |`;
  const lines = [
    line(columns.map((column) => escapeMarkdown(column.header))),
    line(columns.map((_, c) => (numeric[c] ? '---:' : ':---'))),
    ...cells.map((row, r) =>
      line(row.map((text, c) => (best[r]![c] ? `**${escapeMarkdown(text)}**` : escapeMarkdown(text)))),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * CSV per RFC 4180: a header row of keys, full-precision numbers, and any field holding a comma,
 * a quote or a line break wrapped in quotes with inner quotes doubled. null and undefined are
 * empty fields. Every record, the last included, ends with `newline`.
 */
export function toCsv<Row extends object>(rows: readonly Row[], options: CsvOptions<Row> = {}): string {
  const { newline = '\r\n' } = options;
  const columns = resolveColumns(rows, options.columns);
  const records = [
    columns.map((column) => csvField(column.key)),
    ...rows.map((row) => columns.map((column) => csvField(csvText(cellValue(row, column.key))))),
  ];
  return records.map((fields) => fields.join(',') + newline).join('');
}

/** Pretty-printed JSON array of the rows (only `columns`, when given); NaN and infinities become null. Ends with a newline. */
export function toJson<Row extends object>(rows: readonly Row[], options: JsonOptions<Row> = {}): string {
  const columns = options.columns === undefined ? undefined : resolveColumns(rows, options.columns);
  const projected =
    columns === undefined
      ? rows
      : rows.map((row) =>
          Object.fromEntries(columns.map((column) => [column.key, cellValue(row, column.key)])),
        );
  return `${JSON.stringify(projected, null, 2)}\n`;
}

interface Layout {
  readonly columns: ResolvedColumn[];
  /** Display text per row and column. */
  readonly cells: string[][];
  /** Whether each cell holds the best value of its column within its group. */
  readonly best: boolean[][];
  /** Whether each column holds only numbers (or empty cells): those are right-aligned. */
  readonly numeric: boolean[];
}

function layout<Row extends object>(rows: readonly Row[], options: TableOptions<Row>): Layout {
  const columns = resolveColumns(rows, options.columns);
  const groupKey =
    options.groupBy === undefined
      ? rows.some((row) => Object.hasOwn(row, 'split'))
        ? 'split'
        : null
      : options.groupBy;
  const numeric = columns.map((column) =>
    rows.every((row) => {
      const value = cellValue(row, column.key);
      return value === null || value === undefined || typeof value === 'number';
    }),
  );
  const digits = columns.map((column) => defaultDigits(rows, column));
  const cells = rows.map((row) => columns.map((column, c) => displayText(row, column, digits[c]!)));
  const best = rows.map(() => columns.map(() => false));
  columns.forEach((column, c) => {
    if (column.best === 'none') return;
    const bestByGroup = new Map<unknown, number>();
    const valuesByGroup = new Map<unknown, number>();
    for (const row of rows) {
      const value = cellValue(row, column.key);
      if (typeof value !== 'number' || Number.isNaN(value)) continue;
      const group = groupKey === null ? null : cellValue(row, groupKey);
      valuesByGroup.set(group, (valuesByGroup.get(group) ?? 0) + 1);
      const current = bestByGroup.get(group);
      if (current === undefined || (column.best === 'max' ? value > current : value < current)) {
        bestByGroup.set(group, value);
      }
    }
    rows.forEach((row, r) => {
      const group = groupKey === null ? null : cellValue(row, groupKey);
      // A lone value is not "best" of anything, so a group needs two values to highlight one.
      best[r]![c] =
        (valuesByGroup.get(group) ?? 0) > 1 && cellValue(row, column.key) === bestByGroup.get(group);
    });
  });
  return { columns, cells, best, numeric };
}

function defaultDigits<Row extends object>(rows: readonly Row[], column: ResolvedColumn): number {
  if (column.digits !== undefined) return column.digits;
  const wholeNumbers = rows.every((row) => {
    const value = cellValue(row, column.key);
    return typeof value !== 'number' || Number.isInteger(value);
  });
  return wholeNumbers ? 0 : 4;
}

function displayText(row: object, column: ResolvedColumn, digits: number): string {
  const value = cellValue(row, column.key);
  if (column.format !== undefined)
    return (column.format as (value: unknown, row: object) => string)(value, row);
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(digits) : String(value);
  if (typeof value === 'string') return value.replace(/\s+/g, ' ');
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

function csvText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function escapeMarkdown(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|');
}

function columnHasBest(best: readonly boolean[][], c: number): boolean {
  return best.some((row) => row[c] === true);
}

function cellValue(row: object, key: string): unknown {
  return (row as Record<string, unknown>)[key];
}
