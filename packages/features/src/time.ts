/**
 * Calendar fields of unix-second timestamps in UTC, by integer arithmetic: the feature loops call
 * these once per rating, where a `Date` per row would allocate 20 million objects.
 */

const SECONDS_PER_DAY = 86_400;

/** Hour of day, 0-23, UTC. */
export function utcHour(timestamp: number): number {
  return Math.floor(timestamp / 3600) % 24;
}

/** True on Saturday and Sunday, UTC. 1970-01-01 was a Thursday. */
export function isUtcWeekend(timestamp: number): boolean {
  const weekday = (Math.floor(timestamp / SECONDS_PER_DAY) + 4) % 7; // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/** Calendar year, UTC (Howard Hinnant's civil-from-days algorithm; exact for every uint32 timestamp). */
export function utcYear(timestamp: number): number {
  const z = Math.floor(timestamp / SECONDS_PER_DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0);
}

let yearOfDay: Uint16Array | undefined;

/**
 * UTC calendar year per day since 1970-01-01, for every day a uint32 timestamp can reach (~100 KB,
 * built once). The per-row loops read `table[Math.floor(t / 86400)]`: one division and one load
 * instead of the six divisions of `utcYear`.
 */
export function yearOfDayTable(): Uint16Array {
  if (yearOfDay === undefined) {
    const days = Math.floor(0xffffffff / SECONDS_PER_DAY) + 1;
    yearOfDay = new Uint16Array(days);
    for (let d = 0; d < days; d++) yearOfDay[d] = utcYear(d * SECONDS_PER_DAY);
  }
  return yearOfDay;
}
