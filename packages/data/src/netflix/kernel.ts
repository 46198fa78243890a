import type { RawRatings } from '../parse/raw-ratings';
import {
  COLON,
  COMMA,
  createFieldEnd,
  DASH,
  digitsValue,
  indexIn,
  KERNEL_DONE,
  KERNEL_FULL,
  KERNEL_ODD_LINE,
  type KernelCursor,
  LF,
  lineBreakEnd,
  readUint,
} from '../parse/scan';

/** Days in each month of a common year; February gains one in leap years. */
const MONTH_DAYS = Int8Array.of(0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);

/** Where the Netflix kernel is: the buffer position, the line, and the movie block it is in. */
export interface NetflixCursor extends KernelCursor {
  /** Catalog index of the movie of the current `MovieID:` block; -1 before the first one. */
  movie: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil), integer math only. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Is `day` a day of `month` in `year`? */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= MONTH_DAYS[month]! + (month === 2 && leap ? 1 : 0);
}

/**
 * Parses Netflix Prize lines from `bytes[cursor.pos..end)`: `MovieID:` opens a block, and each
 * `CustomerID,Rating,YYYY-MM-DD` line in it is one rating (whole stars 1-5, the date as Unix
 * seconds at 00:00 UTC). `bytes[end - 1]` is a line feed, so digit loops need no bounds checks.
 * It returns the kernel statuses of `parse/scan.ts` (`KERNEL_DONE`, `KERNEL_FULL`, `KERNEL_ODD_LINE`).
 *
 * The hot loop for ~100M lines: locals, typed arrays, integer math, no allocation. Anything else
 * (unknown movies, bad dates, a rating before any block) stops the loop at that line, and the
 * careful parser accepts it or says exactly what is wrong.
 */
export function parseNetflixLines(
  bytes: Uint8Array,
  end: number,
  cursor: NetflixCursor,
  out: RawRatings,
  movieTable: Int32Array,
): number {
  const { userId: users, movie: movies, rating: ratings, timestamp: timestamps } = out;
  const field = createFieldEnd();
  let n = out.length;
  let line = cursor.line;
  let movie = cursor.movie;
  let status = KERNEL_DONE;
  // `p` is the start of the current line; a stop leaves it there.
  let p = cursor.pos;
  while (p < end) {
    if (bytes[p] === LF) {
      p++;
      line++;
      continue;
    }
    // A failed check below stops the loop at this line, with this status.
    status = KERNEL_ODD_LINE;
    // The first number: a customer id, or a movie id when a colon follows.
    const id = readUint(bytes, p, 9, field);
    const q = field.end;
    if (id < 0) break;
    if (bytes[q] === COLON) {
      const block = indexIn(movieTable, id);
      const next = lineBreakEnd(bytes, q + 1);
      if (block < 0 || next < 0) break;
      status = KERNEL_DONE;
      movie = block;
      line++;
      p = next;
      continue;
    }
    if (bytes[q] !== COMMA || movie < 0) break;
    if (n === users.length) {
      status = KERNEL_FULL;
      break;
    }
    // Rating: one digit 1-5, then the date: exactly YYYY-MM-DD.
    const rating = bytes[q + 1]! - 48;
    if (rating < 1 || rating > 5 || bytes[q + 2] !== COMMA || bytes[q + 7] !== DASH) break;
    const year = digitsValue(bytes, q + 3, q + 7, 4);
    const month = digitsValue(bytes, q + 8, q + 10, 2);
    const day = digitsValue(bytes, q + 11, q + 13, 2);
    const next = lineBreakEnd(bytes, q + 13);
    if (bytes[q + 10] !== DASH || next < 0 || year < 1970 || !isValidDate(year, month, day)) break;
    status = KERNEL_DONE;

    users[n] = id;
    movies[n] = movie;
    ratings[n] = rating;
    timestamps[n] = daysFromCivil(year, month, day) * 86400;
    n++;
    line++;
    p = next;
  }
  out.length = n;
  cursor.line = line;
  cursor.movie = movie;
  cursor.pos = p;
  return status;
}
