import { CR, LF } from '../parse/ratings-kernel';
import type { RawRatings } from '../parse/raw-ratings';

const COLON = 58;
const COMMA = 44;
const DASH = 45;
/** Days in each month of a common year; February gains one in leap years. */
const MONTH_DAYS = Int8Array.of(0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);

/** Where the Netflix kernel is: the buffer position, the line, and the movie block it is in. */
export interface NetflixCursor {
  pos: number;
  line: number;
  /** Catalog index of the movie of the current `MovieID:` block; -1 before the first one. */
  movie: number;
}

export const NETFLIX_DONE = 0;
export const NETFLIX_FULL = 1;
export const NETFLIX_ODD_LINE = 2;

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
  const tableSize = movieTable.length;
  const { userId: users, movie: movies, rating: ratings, timestamp: timestamps } = out;
  const capacity = users.length;
  let n = out.length;
  let p = cursor.pos;
  let line = cursor.line;
  let movie = cursor.movie;
  let status = NETFLIX_DONE;
  let lineStart = p;

  while (p < end) {
    lineStart = p;
    if (bytes[p] === LF) {
      p++;
      line++;
      continue;
    }
    // The first number: a customer id, or a movie id when a colon follows.
    let id = 0;
    let q = p;
    for (let d = bytes[q]! - 48; d >= 0 && d <= 9; d = bytes[q]! - 48) {
      id = id * 10 + d;
      q++;
    }
    if (q === p || q - p > 9) {
      status = NETFLIX_ODD_LINE;
      break;
    }
    let c = bytes[q]!;
    if (c === COLON) {
      const next = id < tableSize ? movieTable[id]! : -1;
      c = bytes[q + 1]!;
      const eol = c === LF ? q + 2 : c === CR && bytes[q + 2] === LF ? q + 3 : -1;
      if (next < 0 || eol < 0) {
        status = NETFLIX_ODD_LINE;
        break;
      }
      movie = next;
      p = eol;
      line++;
      continue;
    }
    if (c !== COMMA || movie < 0) {
      status = NETFLIX_ODD_LINE;
      break;
    }
    if (n === capacity) {
      status = NETFLIX_FULL;
      break;
    }
    // Rating: one digit 1-5, then the date: exactly YYYY-MM-DD.
    const rating = bytes[q + 1]! - 48;
    const year =
      (bytes[q + 3]! - 48) * 1000 +
      (bytes[q + 4]! - 48) * 100 +
      (bytes[q + 5]! - 48) * 10 +
      bytes[q + 6]! -
      48;
    const month = (bytes[q + 8]! - 48) * 10 + bytes[q + 9]! - 48;
    const day = (bytes[q + 11]! - 48) * 10 + bytes[q + 12]! - 48;
    c = bytes[q + 13]!;
    const eol = c === LF ? q + 14 : c === CR && bytes[q + 14] === LF ? q + 15 : -1;
    if (
      rating < 1 ||
      rating > 5 ||
      bytes[q + 2] !== COMMA ||
      bytes[q + 7] !== DASH ||
      bytes[q + 10] !== DASH ||
      eol < 0 ||
      !isDigits(bytes, q + 3, 4) ||
      !isDigits(bytes, q + 8, 2) ||
      !isDigits(bytes, q + 11, 2) ||
      year < 1970 ||
      !isValidDate(year, month, day)
    ) {
      status = NETFLIX_ODD_LINE;
      break;
    }
    users[n] = id;
    movies[n] = movie;
    ratings[n] = rating;
    timestamps[n] = daysFromCivil(year, month, day) * 86400;
    n++;
    p = eol;
    line++;
  }

  out.length = n;
  cursor.line = line;
  cursor.movie = movie;
  cursor.pos = status === NETFLIX_DONE ? p : lineStart;
  return status;
}

function isDigits(bytes: Uint8Array, at: number, count: number): boolean {
  for (let i = at; i < at + count; i++) if (bytes[i]! < 48 || bytes[i]! > 57) return false;
  return true;
}
