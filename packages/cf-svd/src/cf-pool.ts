import { createWorkerPool, type WorkerPool, workerEntry } from '@reco/core';
import type { WorkerRequest } from './worker-protocol';

/** The training worker threads: each answers one {@link WorkerRequest} with a number. Internal. */
export type CfWorkerPool = WorkerPool<WorkerRequest, number>;

/**
 * `size` threads on the cf-worker entry: `src/cf-worker.ts` (under tsx) when this module runs from
 * source, `dist/cf-worker.js` beside the bundle otherwise.
 */
export function createCfWorkerPool(size: number): CfWorkerPool {
  return createWorkerPool({ entry: workerEntry(import.meta.url, 'cf-worker'), size });
}

/**
 * Runs `train` with a pool of `threads` workers, or with none for one thread (the caller then runs
 * the kernels on the main thread), and closes the pool however `train` ends.
 */
export async function withCfWorkerPool<T>(
  threads: number,
  train: (pool: CfWorkerPool | undefined) => Promise<T>,
): Promise<T> {
  const pool = threads > 1 ? createCfWorkerPool(threads) : undefined;
  try {
    return await train(pool);
  } finally {
    await pool?.close();
  }
}
