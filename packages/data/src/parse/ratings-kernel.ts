import type { RawRatings } from './raw-ratings';
import {
  createFieldEnd,
  indexIn,
  KERNEL_DONE,
  KERNEL_FULL,
  KERNEL_ODD_LINE,
  type KernelCursor,
  LF,
  lineBreakEnd,
  readExactDecimal,
  readTenths,
  readUint,
} from './scan';

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

/**
 * Parses rating lines `userId SEP movieId SEP rating SEP timestamp` from `bytes[cursor.pos..end)`
 * straight from bytes into the raw columns. `bytes[end - 1]` must be a line feed, so every digit
 * loop stops at the latest on that byte and the loop needs no bounds checks of its own.
 *
 * This is the hot loop of the package (20M lines for ml-20m). It is shaped for V8: locals only,
 * typed arrays, integer arithmetic, no allocation, and only the small field readers of `scan.ts`,
 * which V8 inlines. Anything it does not expect (quotes, signs, exponents, long ids, bad values,
 * unknown movies) is not judged here: it stops at that line and the caller runs the careful
 * parser, which either accepts the line or explains exactly what is wrong with it.
 */
export function parseRatingLines(
  bytes: Uint8Array,
  end: number,
  cursor: KernelCursor,
  out: RawRatings,
  config: RatingsKernelConfig,
): number {
  const { sep1, sep2, movieTable, stepsPerUnit, minSteps, maxSteps } = config;
  const sepLength = sep2 < 0 ? 1 : 2;
  const { userId: users, movie: movies, rating: ratings, timestamp: timestamps } = out;
  const field = createFieldEnd();
  let n = out.length;
  let line = cursor.line;
  let status = KERNEL_DONE;
  // `p` is the start of the current line; `q` moves through it. A stop leaves `p` on that line.
  let p = cursor.pos;
  while (p < end) {
    // Blank lines carry no data (a trailing empty line is common); they are skipped.
    if (bytes[p] === LF) {
      p++;
      line++;
      continue;
    }
    if (n === users.length) {
      status = KERNEL_FULL;
      break;
    }
    // A failed check below stops the loop at this line, with this status.
    status = KERNEL_ODD_LINE;
    // userId: 1-9 digits (longer ids may overflow int32, so the careful parser decides).
    const user = readUint(bytes, p, 9, field);
    let q = field.end;
    if (user < 0 || bytes[q] !== sep1 || (sep2 >= 0 && bytes[q + 1] !== sep2)) break;
    // movieId, looked up in the catalog right away.
    const movie = indexIn(movieTable, readUint(bytes, q + sepLength, 9, field));
    q = field.end;
    if (movie < 0 || bytes[q] !== sep1 || (sep2 >= 0 && bytes[q + 1] !== sep2)) break;
    // rating: a whole number of steps on the scale, from at most 15 digits (exact in a double).
    q += sepLength;
    let rating = readTenths(bytes, q);
    if (rating >= 0) q += 3;
    else {
      rating = readExactDecimal(bytes, q, field);
      q = field.end;
    }
    const steps = rating * stepsPerUnit;
    if (rating < 0 || steps !== Math.floor(steps) || steps < minSteps || steps > maxSteps) break;
    if (bytes[q] !== sep1 || (sep2 >= 0 && bytes[q + 1] !== sep2)) break;
    // timestamp: 1-10 digits, at most 2^32 - 1 (Unix seconds until 2106).
    const timestamp = readUint(bytes, q + sepLength, 10, field);
    const next = lineBreakEnd(bytes, field.end);
    if (timestamp < 0 || timestamp > 0xffffffff || next < 0) break;
    status = KERNEL_DONE;

    users[n] = user;
    movies[n] = movie;
    ratings[n] = rating;
    timestamps[n] = timestamp;
    n++;
    line++;
    p = next;
  }
  out.length = n;
  cursor.line = line;
  cursor.pos = p;
  return status;
}
