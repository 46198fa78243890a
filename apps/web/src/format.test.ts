import { describe, expect, it } from 'vitest';
import { bytes, day, duration, int, metric, percent } from './format';

describe('format', () => {
  it('formats counts, metrics, shares, durations, sizes and days for people', () => {
    expect(int(12345)).toBe('12,345');
    expect(metric(0.827736)).toBe('0.8277');
    expect(percent(0.61204)).toBe('61.2%');
    expect(duration(69.2)).toBe('1m09s');
    expect(duration(0.421)).toBe('0.42 s');
    expect(bytes(704 * 1024 ** 2)).toBe('704 MiB');
    expect(day(945079956)).toBe('1999-12-13');
  });
});
