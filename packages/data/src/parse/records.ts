import { FieldError } from './fields';

/** Field separators of the MovieLens layouts: CSV releases, ml-1m/ml-10m `.dat`, ml-100k. */
export type Delimiter = ',' | '::' | '\t' | '|';

/** One record of a text file: its fields and the 1-based line it starts on. */
export interface TextRecord {
  readonly fields: string[];
  readonly line: number;
}

/**
 * Reads the records of a whole (small) text file. For `,` this is RFC 4180 CSV: quoted fields
 * may hold commas, doubled quotes and line breaks. The other delimiters are plain splits, as in
 * the `.dat` and ml-100k files. CRLF and a missing final line break are accepted; blank lines are
 * skipped. The text must already be decoded (see `decodeText`).
 */
export function* readRecords(text: string, delimiter: Delimiter): Generator<TextRecord> {
  let pos = 0;
  let line = 1;
  const length = text.length;
  while (pos < length) {
    const start = line;
    if (delimiter === ',') {
      const fields: string[] = [];
      const from = pos;
      pos = readCsvRecord(text, pos, fields, start);
      // Usually one line break; more when a quoted field spans lines.
      line += countLineBreaks(text, from, pos);
      if (!(fields.length === 1 && fields[0] === '')) yield { fields, line: start };
      continue;
    }
    let end = text.indexOf('\n', pos);
    if (end < 0) end = length;
    const next = end + 1;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const body = text.slice(pos, end);
    pos = next;
    line++;
    if (body !== '') yield { fields: body.split(delimiter), line: start };
  }
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Reads one CSV record starting at `pos` into `fields` and returns the position after its line
 * break. Throws a FieldError for a quote that is never closed or text after a closing quote.
 */
function readCsvRecord(text: string, pos: number, fields: string[], line: number): number {
  const length = text.length;
  for (;;) {
    if (text.charCodeAt(pos) === 34) {
      // Quoted field: runs to the next quote that is not doubled.
      let value = '';
      let from = pos + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) {
          throw new FieldError('', `a quoted field opened on line ${line} is never closed`, line);
        }
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          from = close + 2;
          continue;
        }
        pos = close + 1;
        break;
      }
      fields.push(value);
    } else {
      let end = pos;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        end++;
      }
      fields.push(text.slice(pos, end));
      pos = end;
    }
    const c = text.charCodeAt(pos);
    if (c === 44) {
      pos++;
      continue;
    }
    if (pos >= length) return pos;
    if (c === 10) return pos + 1;
    if (c === 13 && text.charCodeAt(pos + 1) === 10) return pos + 2;
    if (c === 13) return pos + 1;
    throw new FieldError(
      '',
      `unexpected text after a closing quote: ${JSON.stringify(text.slice(pos, pos + 20))}`,
    );
  }
}

/** Splits a single line (no line break) into fields, with CSV quoting for `,`. */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  if (delimiter !== ',') return line.split(delimiter);
  const fields: string[] = [];
  const end = readCsvRecord(line, 0, fields, 1);
  if (end < line.length) {
    throw new FieldError('', 'a quoted field holds a line break, which this file does not allow');
  }
  return fields;
}
