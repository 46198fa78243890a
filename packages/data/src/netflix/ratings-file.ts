import { FieldError, parseIntegerField, quote } from '../parse/fields';
import { forEachLineChunk } from '../parse/line-chunks';
import {
  createRejectedRows,
  noteRejectedRow,
  type RowProblem,
  rejectedRowsResult,
} from '../parse/ratings-range';
import { createRawRatings, growRawRatings, type RawRatings } from '../parse/raw-ratings';
import { KERNEL_DONE, KERNEL_FULL, LF } from '../parse/scan';
import { daysFromCivil, isValidDate, type NetflixCursor, parseNetflixLines } from './kernel';

export interface NetflixFileOptions {
  /** Dense catalog index by MovieID; -1 for ids not in movie_titles.csv. */
  readonly movieTable: Int32Array;
  readonly onInvalidRow: 'error' | 'skip';
  readonly keepProblems: number;
  /** Rows are appended here (one set of columns for every file of a release). */
  readonly into: RawRatings;
  /** Called with every chunk of file bytes as read, in order (a content hash). */
  readonly onChunk?: (bytes: Uint8Array) => void;
  readonly onBytes?: (done: number) => void;
  readonly chunkBytes?: number;
}

export interface NetflixFileResult {
  readonly lines: number;
  readonly skipped: number;
  readonly problems: RowProblem[];
  readonly error?: RowProblem;
}

/**
 * Parses one Netflix Prize ratings file (a `combined_data_N.txt`, or a `training_set/mv_*.txt`)
 * on this thread, with the shared line-chunk reader and the raw columns of the MovieLens parser.
 */
export function parseNetflixFile(path: string, size: number, options: NetflixFileOptions): NetflixFileResult {
  const { movieTable, onInvalidRow, keepProblems, onChunk, onBytes } = options;
  const raw = options.into;
  const cursor: NetflixCursor = { pos: 0, line: 1, movie: -1 };
  const rejected = createRejectedRows();
  forEachLineChunk(
    path,
    0,
    size,
    (chunk) => {
      const { bytes, end } = chunk;
      onChunk?.(bytes.subarray(0, chunk.addedLineBreak ? end - 1 : end));
      cursor.pos = 0;
      for (;;) {
        const status = parseNetflixLines(bytes, end, cursor, raw, movieTable);
        if (status === KERNEL_DONE) break;
        if (status === KERNEL_FULL) {
          growRawRatings(raw, Math.ceil(raw.userId.length * 1.5) + (1 << 16));
          continue;
        }
        const lineEnd = bytes.indexOf(LF, cursor.pos);
        const problem = parseOddLine(bytes, cursor, lineEnd, raw, movieTable);
        if (problem !== undefined && !noteRejectedRow(rejected, problem, onInvalidRow, keepProblems)) {
          return false;
        }
        cursor.pos = lineEnd + 1;
        cursor.line++;
      }
      onBytes?.(chunk.fileOffset + end);
      return true;
    },
    options.chunkBytes,
  );
  return { lines: cursor.line - 1, ...rejectedRowsResult(rejected) };
}

/** Rows to reserve for `bytes` of Netflix lines (about 24 bytes a line), so columns rarely grow. */
export function netflixRowsFor(bytes: number): number {
  return Math.ceil(bytes / 22) + 1024;
}

export function emptyRawFor(bytes: number): RawRatings {
  return createRawRatings(netflixRowsFor(bytes));
}

/** `cursor.movie` inside the block of a MovieID that is not in the catalog. */
const UNKNOWN_BLOCK = -2;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The careful path for a line the kernel stopped at: accepts it (a blank line with CR, a block
 * header) or returns what is wrong, with the field at fault.
 */
function parseOddLine(
  bytes: Uint8Array,
  cursor: NetflixCursor,
  end: number,
  raw: RawRatings,
  movieTable: Int32Array,
): RowProblem | undefined {
  const line = cursor.line;
  let stop = end;
  if (stop > cursor.pos && bytes[stop - 1] === 13) stop--;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + cursor.pos, stop - cursor.pos).toString('latin1');
  if (text.trim() === '') return undefined;
  try {
    if (text.endsWith(':')) {
      const movieId = parseIntegerField(text.slice(0, -1), 'movieId');
      const movie = movieId < movieTable.length ? movieTable[movieId]! : -1;
      // An unknown block is remembered (-2), so that under 'skip' its rows go with it.
      cursor.movie = movie < 0 ? UNKNOWN_BLOCK : movie;
      if (movie < 0) {
        throw new FieldError(
          'movieId',
          `MovieID ${movieId} is not in movie_titles.csv`,
          undefined,
          'unknown-movie',
        );
      }
      return undefined;
    }
    const fields = text.split(',');
    if (fields.length !== 3) {
      throw new FieldError('', `expected "MovieID:" or CustomerID,Rating,Date, found ${quote(text)}`);
    }
    if (cursor.movie === UNKNOWN_BLOCK) {
      throw new FieldError(
        'movieId',
        'the rating is in the block of a MovieID not in movie_titles.csv',
        undefined,
        'unknown-movie',
      );
    }
    if (cursor.movie < 0) throw new FieldError('', 'a rating comes before the first "MovieID:" line');
    const userId = parseIntegerField(fields[0]!, 'customerId');
    const rating = parseIntegerField(fields[1]!, 'rating');
    if (rating < 1 || rating > 5) throw new FieldError('rating', `rating ${quote(fields[1]!)} is not 1-5`);
    const timestamp = parseDate(fields[2]!);
    if (raw.length === raw.userId.length) growRawRatings(raw, raw.length * 2 + 1024);
    const n = raw.length++;
    raw.userId[n] = userId;
    raw.movie[n] = cursor.movie;
    raw.rating[n] = rating;
    raw.timestamp[n] = timestamp;
    return undefined;
  } catch (cause) {
    if (!(cause instanceof FieldError)) throw cause;
    return { line, field: cause.field, code: cause.code, message: cause.message };
  }
}

/** `YYYY-MM-DD` (1970 or later) as Unix seconds at 00:00 UTC. */
export function parseDate(text: string): number {
  const m = DATE.exec(text);
  const [year, month, day] = m === null ? [0, 0, 0] : [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m === null || year < 1970 || !isValidDate(year, month, day)) {
    throw new FieldError('date', `date ${quote(text)} is not a YYYY-MM-DD date from 1970 on`);
  }
  return daysFromCivil(year, month, day) * 86400;
}
