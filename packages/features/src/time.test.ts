import { describe, expect, it } from 'vitest';
import { isUtcWeekend, utcHour, utcYear, yearOfDayTable } from './time';

describe('UTC calendar fields', () => {
  it('agree with Date for timestamps across leap years, month ends and the uint32 range', () => {
    const samples = [
      0, 59, 3599, 3600, 86_399, 86_400, 951_782_400 /* 2000-02-29 */, 951_868_799, 978_307_199, 978_307_200,
      1_230_767_999, 1_230_768_000, 1_537_799_250, 4_102_444_800, 4_294_967_295,
    ];
    // Plus a deterministic sweep: every 7919th hour over 1970-2106.
    for (let t = 0; t < 4_294_967_295; t += 7919 * 3600 + 17) samples.push(t);
    for (const t of samples) {
      const date = new Date(t * 1000);
      expect(utcYear(t)).toBe(date.getUTCFullYear());
      expect(utcHour(t)).toBe(date.getUTCHours());
      const day = date.getUTCDay();
      expect(isUtcWeekend(t)).toBe(day === 0 || day === 6);
    }
  });
});

describe('yearOfDayTable', () => {
  it('matches utcYear on every New Year and its eve', () => {
    const table = yearOfDayTable();
    for (let year = 1970; year < 2106; year++) {
      const newYear = Date.UTC(year, 0, 1) / 1000;
      expect(table[Math.floor(newYear / 86_400)]).toBe(year);
      if (year > 1970) expect(table[Math.floor((newYear - 1) / 86_400)]).toBe(year - 1);
    }
    expect(table[Math.floor(4_294_967_295 / 86_400)]).toBe(2106);
  });
});
