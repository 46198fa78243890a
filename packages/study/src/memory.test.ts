import { isRecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { checkMemory, estimateFor, estimatePeakBytes, memoryLimit } from './memory';

describe('memory check', () => {
  it('grows with ratings and with the classifier sample', () => {
    expect(estimatePeakBytes(20_000_000, 2_000_000)).toBeGreaterThan(estimatePeakBytes(5_000_000, 2_000_000));
    expect(estimatePeakBytes(20_000_000, null)).toBeGreaterThan(estimatePeakBytes(20_000_000, 2_000_000));
  });

  it('fails with memory-limit, the estimate, the limit and a --train-sample that fits', () => {
    const estimate = estimateFor(20_000_000, null, false);
    const limit = memoryLimit(4e9);
    let error: unknown;
    try {
      checkMemory(estimate, limit, null);
    } catch (e) {
      error = e;
    }
    expect(isRecoError(error, 'memory-limit')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('4.0 GB');
    const suggested = Number(/--train-sample (\d+)/.exec(message)?.[1]);
    expect(estimatePeakBytes(20_000_000, suggested)).toBeLessThanOrEqual(4e9);
  });

  it('passes a run that fits and names the limit source', () => {
    expect(() => checkMemory(estimateFor(1_000_000, null, false), memoryLimit(4e9), null)).not.toThrow();
    expect(memoryLimit(null).bytes).toBeGreaterThan(0);
    expect(memoryLimit(5e9).source).toBe('--memory-limit');
  });
});
