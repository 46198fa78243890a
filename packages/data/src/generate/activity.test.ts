import { describe, expect, it } from 'vitest';
import { allocateActivity } from './activity';

describe('allocateActivity', () => {
  it('splits exactly the total, within bounds, in the order of the weights', () => {
    const weights = Float64Array.from([5, 1, 0.1, 30, 2, 2, 0, 8]);
    const counts = allocateActivity(weights, 400, 20, 90);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(400);
    for (const c of counts) expect(c >= 20 && c <= 90).toBe(true);
    expect(counts[3]).toBe(90); // the heaviest user hits the cap
    expect(counts[6]).toBe(20); // a zero weight gets only the minimum
    for (let a = 0; a < weights.length; a++) {
      for (let b = 0; b < weights.length; b++) {
        if (weights[a]! > weights[b]!) expect(counts[a]!).toBeGreaterThanOrEqual(counts[b]!);
      }
    }
  });

  it('is proportional above the minimum when no cap binds', () => {
    const counts = allocateActivity(Float64Array.from([1, 3]), 40 + 400, 20, 10_000);
    expect(counts[0]! - 20).toBe(100);
    expect(counts[1]! - 20).toBe(300);
  });

  it('refuses totals that cannot fit', () => {
    expect(() => allocateActivity(Float64Array.from([1, 1]), 39, 20, 50)).toThrow(RangeError);
    expect(() => allocateActivity(Float64Array.from([1, 1]), 101, 20, 50)).toThrow(RangeError);
  });
});
