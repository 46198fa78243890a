import { DataError, type DataErrorCode } from './errors';
import { codeOfField } from './parse/fields';
import type { RowProblem } from './parse/ratings-range';

/** What to do with a row that cannot be read. */
export type InvalidRowPolicy = 'error' | 'skip';

/** Reasons kept in the report for skipped rows. */
export const KEPT_EXAMPLES = 5;

/**
 * Collects rejected rows across files: throws under `error`, counts under `skip` and keeps the
 * first few messages for the report, so nothing is dropped silently.
 */
export interface RowProblems {
  readonly policy: InvalidRowPolicy;
  skipped: number;
  readonly examples: string[];
}

export function createRowProblems(policy: InvalidRowPolicy): RowProblems {
  return { policy, skipped: 0, examples: [] };
}

/** Records one bad row: throws the DataError under `error`, counts it under `skip`. */
export function rejectRow(
  problems: RowProblems,
  location: { file: string; line: number; field: string },
  message: string,
  code: DataErrorCode = codeOfField(location.field),
): void {
  const error = new DataError(
    code,
    message,
    location.field === '' ? { file: location.file, line: location.line } : location,
  );
  if (problems.policy === 'error') throw error;
  problems.skipped++;
  if (problems.examples.length < KEPT_EXAMPLES) problems.examples.push(error.message);
}

/**
 * Takes in what a byte-level parse of `file` rejected: its error is thrown as a DataError naming
 * file and line; otherwise its skipped rows are counted and the first few reasons kept.
 */
export function addFileProblems(
  problems: RowProblems,
  file: string,
  parsed: { readonly skipped: number; readonly problems: readonly RowProblem[]; readonly error?: RowProblem },
): void {
  if (parsed.error !== undefined) {
    const { line, field, code, message } = parsed.error;
    throw new DataError(code, message, field === '' ? { file, line } : { file, line, field });
  }
  problems.skipped += parsed.skipped;
  for (const p of parsed.problems) {
    if (problems.examples.length >= KEPT_EXAMPLES) break;
    problems.examples.push(new DataError(p.code, p.message, { file, line: p.line }).message);
  }
}
