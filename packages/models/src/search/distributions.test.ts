import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { modelError } from '../internal/test-errors';
import { choice, integer, logUniform, sample, uniform } from './distributions';

describe('distributions', () => {
  const rng = createRawRng(42);
  const draws = (d: Parameters<typeof sample>[0], n = 4000) =>
    Array.from({ length: n }, () => sample(d, rng));

  it('uniform stays in [low, high) with mean near the middle', () => {
    const xs = draws(uniform(2, 4)) as number[];
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...xs)).toBeLessThan(4);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(3, 1);
  });

  it('logUniform puts each decade about equally often', () => {
    const xs = draws(logUniform(0.001, 1)) as number[];
    const decades = [0, 0, 0];
    for (const x of xs) decades[Math.min(2, Math.floor(Math.log10(x) + 3))]!++;
    for (const count of decades) expect(count / xs.length).toBeGreaterThan(0.28);
  });

  it('integer includes both ends and nothing else', () => {
    const xs = draws(integer(3, 5)) as number[];
    expect(new Set(xs)).toEqual(new Set([3, 4, 5]));
  });

  it('choice draws from its values', () => {
    expect(new Set(draws(choice(['a', 'b'])))).toEqual(new Set(['a', 'b']));
  });

  it('rejects empty or reversed ranges', () => {
    modelError(() => uniform(1, 1), 'invalid-input');
    modelError(() => logUniform(0, 1), 'invalid-input');
    modelError(() => integer(1.5, 3), 'invalid-input');
    modelError(() => choice([]), 'invalid-input');
  });
});
