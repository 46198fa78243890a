import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors';
import { FieldError } from '../parse/fields';
import { type Delimiter, readRecords, type TextRecord } from '../parse/records';
import { decodeText, type TextEncoding } from '../parse/text';
import { type RowProblems, rejectRow } from '../problems';

/** Reads and decodes a small text file of a release (movies, links, users, genome tags). */
export function readText(dir: string, file: string, encoding: TextEncoding | 'auto' = 'auto'): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, file));
  } catch (cause) {
    throw new DataError('unreadable', `cannot read: ${(cause as Error).message}`, { file, cause });
  }
  return decodeText(bytes, encoding).text;
}

/**
 * Iterates the data records of a small file, with the header (when `header` is given) checked
 * first. `visit` parses one record and throws a FieldError for a bad one; the error becomes a
 * DataError naming file and line, or a skipped row, as the policy says. Records with the wrong
 * number of fields are rejected before `visit` sees them.
 */
export function forEachRecord(
  text: string,
  options: {
    readonly file: string;
    readonly delimiter: Delimiter;
    readonly header?: readonly string[];
    readonly fields: readonly string[];
    readonly problems: RowProblems;
    /**
     * Index of a free-text field (a title, a tag) that may itself contain the delimiter in the
     * unquoted `.dat` files: surplus fields are joined back into it.
     */
    readonly freeText?: number;
  },
  visit: (fields: string[], line: number) => void,
): void {
  const { file, delimiter, header, fields: names, problems } = options;
  const records = readRecords(text, delimiter);
  let first = true;
  for (;;) {
    let next: IteratorResult<TextRecord>;
    try {
      next = records.next();
    } catch (cause) {
      if (!(cause instanceof FieldError)) throw cause;
      // A broken quote leaves the rest of the file unreadable: always an error.
      throw new DataError(
        cause.code,
        cause.message,
        cause.line === undefined ? { file } : { file, line: cause.line },
      );
    }
    if (next.done) break;
    const { line } = next.value;
    let { fields } = next.value;
    if (first && header !== undefined) {
      first = false;
      checkHeader(fields, header, file, line);
      continue;
    }
    first = false;
    try {
      if (fields.length > names.length && options.freeText !== undefined) {
        fields = joinSurplus(fields, names.length, options.freeText, delimiter);
      }
      if (fields.length !== names.length) {
        throw new FieldError(
          '',
          `expected ${names.length} fields (${names.join(', ')}), found ${fields.length}`,
        );
      }
      visit(fields, line);
    } catch (cause) {
      if (!(cause instanceof FieldError)) throw cause;
      rejectRow(problems, { file, line, field: cause.field }, cause.message, cause.code);
    }
  }
  if (first && header !== undefined)
    throw new DataError('empty-file', 'the file is empty (no header)', { file, line: 1 });
}

function joinSurplus(fields: string[], count: number, at: number, delimiter: Delimiter): string[] {
  const surplus = fields.length - count;
  const joined = fields.slice(at, at + surplus + 1).join(delimiter);
  return [...fields.slice(0, at), joined, ...fields.slice(at + surplus + 1)];
}

/** A header must match exactly (a UTF-8 BOM is already gone); anything else is the wrong file. */
export function checkHeader(
  fields: readonly string[],
  expected: readonly string[],
  file: string,
  line = 1,
): void {
  const found = fields.map((f) => f.trim());
  if (found.length === expected.length && found.every((f, i) => f === expected[i])) return;
  throw new DataError(
    'bad-header',
    `expected the header "${expected.join(',')}", found "${fields.join(',')}"`,
    {
      file,
      line,
    },
  );
}
