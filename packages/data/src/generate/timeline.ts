/** The time span of ml-20m's ratings: January 9, 1995 to March 31, 2015 (Unix seconds, UTC). */
export const FIRST_TIMESTAMP = Date.UTC(1995, 0, 9) / 1000;
export const LAST_TIMESTAMP = Date.UTC(2015, 2, 31, 23, 59, 59) / 1000;
/** Release years of the catalog. */
export const FIRST_YEAR = 1902;
export const LAST_YEAR = 2015;

export const DAY = 86_400;

/** Unix seconds at the start of a year: no rating of a movie comes before its release year. */
export function startOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / 1000;
}
