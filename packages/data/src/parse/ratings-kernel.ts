import type { RawRatings } from './raw-ratings';

/** The byte values the parsers look for. */
export const LF = 10;
export const CR = 13;
export const DOT = 46;
export const QUOTE = 34;

/** Exact powers of ten: `mantissa / POW10[k]` is the correctly rounded value of a k-decimal number. */
const POW10 = new Float64Array(23).map((_, k) => 10 ** k);

/** What the kernel needs to know about a ratings file besides its bytes. */
export interface RatingsKernelConfig {
  /** First separator byte (`,` `:` or tab). */
  readonly sep1: number;
  /** Second separator byte for `::`, or -1. */
  readonly sep2: number;
  /** Dense catalog index by external movieId; -1 for ids not in the catalog. */
  readonly movieTable: Int32Array;
  /** Rating scale in steps: a rating r is valid when r / step is a whole number in [minSteps, maxSteps]. */
  readonly stepsPerUnit: number;
  readonly minSteps: number;
  readonly maxSteps: number;
}

/** Where the kernel is in the buffer; updated when it returns. */
export interface KernelCursor {
  pos: number;
  /** 1-based number of the line at `pos`, within the parsed range. */
  line: number;
}

/** The kernel parsed every line up to `end`. */
export const KERNEL_DONE = 0;
/** The output columns are full: grow them and call again. */
export const KERNEL_FULL = 1;
/** The line at `cursor.pos` is not in the plain form: hand it to the careful (slow) line parser. */
export const KERNEL_ODD_LINE = 2;

/**
 * Parses rating lines `userId SEP movieId SEP rating SEP timestamp` from `bytes[cursor.pos..end)`
 * straight from bytes into the raw columns. `bytes[end - 1]` must be a line feed, so every digit
 * loop stops at the latest on that byte and the loop needs no bounds checks of its own.
 *
 * This is the hot loop of the package (20M lines for ml-20m). It is shaped for V8: locals only,
 * typed arrays, integer arithmetic, no calls, no allocation. Anything it does not expect (quotes,
 * signs, exponents, long ids, bad values, unknown movies) is not judged here: it stops at that
 * line and the caller runs the careful parser, which either accepts the line or explains exactly
 * what is wrong with it.
 */
export function parseRatingLines(
  bytes: Uint8Array,
  end: number,
  cursor: KernelCursor,
  out: RawRatings,
  config: RatingsKernelConfig,
): number {
  const { sep1, sep2, movieTable, stepsPerUnit, minSteps, maxSteps } = config;
  const tableSize = movieTable.length;
  const userIds = out.userId;
  const movies = out.movie;
  const ratings = out.rating;
  const timestamps = out.timestamp;
  const capacity = userIds.length;
  let n = out.length;
  let p = cursor.pos;
  let line = cursor.line;
  let status = KERNEL_DONE;
  let lineStart = p;

  while (p < end) {
    lineStart = p;
    let c = bytes[p]!;
    // Blank lines carry no data (a trailing empty line is common); they are skipped.
    if (c === LF) {
      p++;
      line++;
      continue;
    }
    if (n === capacity) {
      status = KERNEL_FULL;
      break;
    }

    // userId: 1-9 digits (longer ids may overflow int32, so the careful parser decides).
    let d = c - 48;
    if (d < 0 || d > 9) {
      status = KERNEL_ODD_LINE;
      break;
    }
    let user = d;
    let q = p + 1;
    for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      user = user * 10 + d;
      q++;
    }
    if (q - p > 9 || bytes[q] !== sep1) {
      status = KERNEL_ODD_LINE;
      break;
    }
    p = q + 1;
    if (sep2 >= 0) {
      if (bytes[p] !== sep2) {
        status = KERNEL_ODD_LINE;
        break;
      }
      p++;
    }

    // movieId, looked up in the catalog right away.
    d = bytes[p]! - 48;
    if (d < 0 || d > 9) {
      status = KERNEL_ODD_LINE;
      break;
    }
    let movieId = d;
    q = p + 1;
    for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      movieId = movieId * 10 + d;
      q++;
    }
    if (q - p > 9 || bytes[q] !== sep1 || movieId >= tableSize) {
      status = KERNEL_ODD_LINE;
      break;
    }
    const movie = movieTable[movieId]!;
    if (movie < 0) {
      status = KERNEL_ODD_LINE;
      break;
    }
    p = q + 1;
    if (sep2 >= 0) {
      if (bytes[p] !== sep2) {
        status = KERNEL_ODD_LINE;
        break;
      }
      p++;
    }

    // rating: digits [. digits], as an integer mantissa and a power of ten.
    let mantissa = 0;
    let digits = 0;
    let decimals = 0;
    for (d = bytes[p]! - 48; d >= 0 && d <= 9; d = bytes[p]! - 48) {
      mantissa = mantissa * 10 + d;
      digits++;
      p++;
    }
    if (bytes[p] === DOT) {
      p++;
      for (d = bytes[p]! - 48; d >= 0 && d <= 9; d = bytes[p]! - 48) {
        mantissa = mantissa * 10 + d;
        decimals++;
        p++;
      }
    }
    if (digits + decimals === 0 || digits + decimals > 15 || bytes[p] !== sep1) {
      status = KERNEL_ODD_LINE;
      break;
    }
    const rating = mantissa / POW10[decimals]!;
    const steps = rating * stepsPerUnit;
    if (steps !== Math.floor(steps) || steps < minSteps || steps > maxSteps) {
      status = KERNEL_ODD_LINE;
      break;
    }
    p++;
    if (sep2 >= 0) {
      if (bytes[p] !== sep2) {
        status = KERNEL_ODD_LINE;
        break;
      }
      p++;
    }

    // timestamp: 1-10 digits, at most 2^32 - 1 (Unix seconds until 2106).
    d = bytes[p]! - 48;
    if (d < 0 || d > 9) {
      status = KERNEL_ODD_LINE;
      break;
    }
    let timestamp = d;
    q = p + 1;
    for (d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      timestamp = timestamp * 10 + d;
      q++;
    }
    if (q - p > 10 || timestamp > 0xffffffff) {
      status = KERNEL_ODD_LINE;
      break;
    }
    c = bytes[q]!;
    if (c === LF) {
      p = q + 1;
    } else if (c === CR && bytes[q + 1] === LF) {
      p = q + 2;
    } else {
      status = KERNEL_ODD_LINE;
      break;
    }

    userIds[n] = user;
    movies[n] = movie;
    ratings[n] = rating;
    timestamps[n] = timestamp;
    n++;
    line++;
  }

  out.length = n;
  cursor.line = line;
  // On a stop, rewind to the start of the line that caused it.
  cursor.pos = status === KERNEL_DONE ? p : lineStart;
  return status;
}
