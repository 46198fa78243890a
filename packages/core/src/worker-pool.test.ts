import { describe, expect, it } from 'vitest';
import { isRecoError } from './errors';
import { createWorkerPool, workerEntry } from './worker-pool';

describe('createWorkerPool', () => {
  it('runs one request per worker on real threads, from source', async () => {
    const pool = createWorkerPool<number, number>({
      entry: workerEntry(import.meta.url, 'test-worker'),
      size: 2,
    });
    try {
      expect(await pool.run([3, 4])).toEqual([6, 8]);
      expect(await pool.run([10])).toEqual([20]);
      // runOn keeps each worker busy on its own: both answer, each its own request.
      expect(await Promise.all([pool.runOn(1, 5), pool.runOn(0, 7)])).toEqual([10, 14]);
    } finally {
      await pool.close();
    }
  });

  it('turns a worker failure into a worker-failed error and refuses too many requests', async () => {
    const pool = createWorkerPool<number, number>({
      entry: workerEntry(import.meta.url, 'test-worker'),
      size: 1,
    });
    try {
      const failure = await pool.run([-1]).catch((error: unknown) => error);
      expect(isRecoError(failure, 'worker-failed')).toBe(true);
      expect((failure as Error).message).toContain('negative input -1');
      expect(() => pool.run([1, 2])).toThrow(/pool of 1 workers/);
      expect(() => pool.runOn(1, 1)).toThrow(/has no worker 1/);
    } finally {
      await pool.close();
    }
  });
});
