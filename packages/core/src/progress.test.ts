import { describe, expect, it } from 'vitest';
import { type Progress, throttleProgress } from './progress';

describe('throttleProgress', () => {
  it('reports about every 1% and always the last step', () => {
    const seen: Progress[] = [];
    const report = throttleProgress((p) => seen.push(p), 'rows', 1000, { unit: 'rows' });
    for (let done = 1; done <= 1000; done++) report(done);
    expect(seen.length).toBeGreaterThanOrEqual(100);
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen.at(-1)).toEqual({ stage: 'rows', done: 1000, total: 1000, unit: 'rows' });
  });

  it('is a no-op without a listener', () => {
    expect(() => throttleProgress(undefined, 's', 10)(5)).not.toThrow();
  });
});
