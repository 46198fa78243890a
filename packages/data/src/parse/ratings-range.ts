import type { DataErrorCode } from '../errors';
import {
  catalogIndexOf,
  checkFieldCount,
  FieldError,
  parseIntegerField,
  parseRatingField,
  type RatingScale,
  scaleInSteps,
} from './fields';
import { forEachLineChunk } from './line-chunks';
import { parseRatingLines, type RatingsKernelConfig } from './ratings-kernel';
import { createRawRatings, growRawRatings, type RawRatings } from './raw-ratings';
import { type Delimiter, splitLine } from './records';
import { KERNEL_DONE, KERNEL_FULL, type KernelCursor, LF } from './scan';

/** How a ratings file is written, and what a valid row is. Plain data: it is sent to workers. */
export interface RatingsFormat {
  readonly delimiter: Delimiter;
  readonly scale: RatingScale;
  /** Dense catalog index by external movieId; -1 for ids not in the catalog. */
  readonly movieTable: Int32Array;
  /** The catalog file's name, for "movieId 7 is not in movies.csv". */
  readonly catalogFile: string;
}

/** A rejected row. `line` counts from 1 at the start of the parsed range. */
export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly code: DataErrorCode;
  readonly message: string;
}

/** The rows a parse rejected: every one counted, the first few kept, and under 'error' the first. */
export interface RejectedRows {
  skipped: number;
  readonly problems: RowProblem[];
  error: RowProblem | undefined;
}

export function createRejectedRows(): RejectedRows {
  return { skipped: 0, problems: [], error: undefined };
}

/** Notes a rejected row; false when the parse must stop at it (under `onInvalidRow: 'error'`). */
export function noteRejectedRow(
  rows: RejectedRows,
  problem: RowProblem,
  onInvalidRow: 'error' | 'skip',
  keepProblems: number,
): boolean {
  if (onInvalidRow === 'error') {
    rows.error = problem;
    return false;
  }
  rows.skipped++;
  if (rows.problems.length < keepProblems) rows.problems.push(problem);
  return true;
}

/** The rejected rows as result fields; `error` is there only when a row stopped the parse. */
export function rejectedRowsResult(rows: RejectedRows): {
  skipped: number;
  problems: RowProblem[];
  error?: RowProblem;
} {
  const { skipped, problems, error } = rows;
  return error === undefined ? { skipped, problems } : { skipped, problems, error };
}

export interface RangeResult {
  readonly raw: RawRatings;
  /** Lines in the range (including blank and rejected ones). */
  readonly lines: number;
  readonly skipped: number;
  /** The first few rejected rows (all of them up to the limit). */
  readonly problems: RowProblem[];
  /** Set under `onInvalidRow: 'error'`: the first bad row; parsing stopped there. */
  readonly error?: RowProblem;
}

export interface RangeOptions {
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly format: RatingsFormat;
  readonly onInvalidRow: 'error' | 'skip';
  /** How many problems to keep for the report. */
  readonly keepProblems: number;
  /** Called after each chunk with the bytes of the range done so far. */
  readonly onBytes?: (done: number) => void;
  /**
   * Columns to fill (e.g. views into shared memory). When they run full, they are replaced by
   * larger private copies, so the caller can tell by comparing the column objects.
   */
  readonly into?: RawRatings;
  /** Fed every chunk's file bytes in order (a content hash while parsing). Same thread only. */
  readonly onChunk?: (bytes: Uint8Array) => void;
  /** Read size (tests use tiny chunks to exercise lines cut at chunk boundaries). */
  readonly chunkBytes?: number;
}

/** Parses one byte range of a ratings file on the current thread. */
export function parseRatingsRange(options: RangeOptions): RangeResult {
  const { path, start, end, format, onInvalidRow, keepProblems, onBytes } = options;
  const config = kernelConfig(format);
  const cursor: KernelCursor = { pos: 0, line: 1 };
  const rejected = createRejectedRows();
  let raw: RawRatings | undefined = options.into;

  forEachLineChunk(
    path,
    start,
    end,
    (chunk) => {
      const { bytes, end: chunkEnd } = chunk;
      options.onChunk?.(bytes.subarray(0, chunk.addedLineBreak ? chunkEnd - 1 : chunkEnd));
      raw ??= createRawRatings(estimateRows(bytes, chunkEnd, end - start));
      cursor.pos = 0;
      for (;;) {
        const status = parseRatingLines(bytes, chunkEnd, cursor, raw, config);
        if (status === KERNEL_DONE) break;
        if (status === KERNEL_FULL) {
          growRawRatings(raw, Math.ceil(raw.userId.length * 1.25) + 1024);
          continue;
        }
        // An odd line: let the careful parser accept it or say what is wrong.
        const lineEnd = bytes.indexOf(LF, cursor.pos);
        const truncated = chunk.addedLineBreak && lineEnd === chunkEnd - 1;
        const problem = parseOddLine(bytes, cursor.pos, lineEnd, format, raw, cursor.line, truncated);
        if (problem !== undefined && !noteRejectedRow(rejected, problem, onInvalidRow, keepProblems)) {
          return false;
        }
        cursor.pos = lineEnd + 1;
        cursor.line++;
      }
      onBytes?.(chunk.fileOffset + chunkEnd - start);
      return true;
    },
    options.chunkBytes,
  );

  return { raw: raw ?? createRawRatings(0), lines: cursor.line - 1, ...rejectedRowsResult(rejected) };
}

export function kernelConfig(format: RatingsFormat): RatingsKernelConfig {
  const sep = format.delimiter;
  return {
    sep1: sep.charCodeAt(0),
    sep2: sep.length > 1 ? sep.charCodeAt(1) : -1,
    movieTable: format.movieTable,
    ...scaleInSteps(format.scale),
  };
}

/**
 * Rows to reserve for a range, from the mean line length of its first 64 KB plus a margin. The
 * columns grow if it is short, and are trimmed if it is long, so this only saves copies.
 */
function estimateRows(bytes: Uint8Array, end: number, rangeBytes: number): number {
  const sample = Math.min(end, 64 << 10);
  let lines = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === LF) lines++;
  return Math.ceil((rangeBytes / Math.max(sample, 1)) * Math.max(lines, 1) * 1.05) + 1024;
}

const FIELDS = ['userId', 'movieId', 'rating', 'timestamp'] as const;

/**
 * The careful path for a line the kernel stopped at. Returns undefined when the line is fine
 * after all (quoted numbers, `+4`, a blank line with CR) and has been appended, or the problem.
 */
function parseOddLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  format: RatingsFormat,
  raw: RawRatings,
  line: number,
  truncated: boolean,
): RowProblem | undefined {
  if (end > start && bytes[end - 1] === 13) end--;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (text.trim() === '') return undefined;
  const hint = truncated ? ' (the last line has no line break: is the file truncated?)' : '';
  try {
    const fields = splitLine(text, format.delimiter);
    checkFieldCount(fields, FIELDS);
    const userId = parseIntegerField(fields[0]!, 'userId');
    const movieId = parseIntegerField(fields[1]!, 'movieId');
    const movie = catalogIndexOf(movieId, format.movieTable, format.catalogFile);
    const rating = parseRatingField(fields[2]!, format.scale);
    const timestamp = parseIntegerField(fields[3]!, 'timestamp', 0xffffffff);
    if (raw.length === raw.userId.length) growRawRatings(raw, raw.length * 2 + 1024);
    const n = raw.length++;
    raw.userId[n] = userId;
    raw.movie[n] = movie;
    raw.rating[n] = rating;
    raw.timestamp[n] = timestamp;
    return undefined;
  } catch (cause) {
    if (!(cause instanceof FieldError)) throw cause;
    return { line, field: cause.field, code: cause.code, message: cause.message + hint };
  }
}
