import { createWorkerPool, type WorkerPool, workerEntry } from '@reco/core';
import { ScoringError } from './errors';
import { loadScorerFromBytes } from './load';
import type { ScoreRequest, ScoreResponse } from './score-worker';
import type { Scorer } from './types';

/**
 * Several saved models scoring the same rows on several threads: the calling thread takes the
 * first share of the rows, each worker one of the others. Every thread loads the same bytes, so
 * the probabilities are exactly those `loadScorerFromBytes(bytes).predictProba` gives.
 */
export interface ParallelScorer {
  readonly threads: number;
  readonly nFeatures: number;
  /** P(class 1) per row, one array per model in the order the models were given. */
  predictProba(X: Float32Array, nRows: number): Promise<Float32Array[]>;
  /** Stops the workers. Safe to call twice. */
  close(): Promise<void>;
}

export interface ParallelScorerOptions {
  /** Threads including the caller's; 1 scores everything on the calling thread. */
  readonly threads: number;
  /** Names the models in errors (e.g. their paths); default `model 0`, `model 1`, .... */
  readonly sources?: readonly string[];
}

/** Below this many rows per thread, a worker's round trip costs more than it saves. */
const MIN_ROWS_PER_THREAD = 4096;

export async function createParallelScorer(
  models: readonly Uint8Array[],
  options: ParallelScorerOptions,
): Promise<ParallelScorer> {
  const { threads } = options;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ScoringError(
      'invalid-input',
      `createParallelScorer: threads must be a whole number >= 1 (got ${threads})`,
      {
        field: 'threads',
      },
    );
  }
  const sources = models.map((_, k) => options.sources?.[k] ?? `model ${k}`);
  const local = models.map((bytes, k) => loadScorerFromBytes(bytes, sources[k]));
  const nFeatures = checkSameWidth(local, sources);
  const pool =
    threads > 1
      ? createWorkerPool<ScoreRequest, ScoreResponse>({
          entry: workerEntry(import.meta.url, 'score-worker'),
          size: threads - 1,
        })
      : null;
  if (pool !== null) {
    try {
      await pool.run(
        Array.from({ length: pool.size }, () => ({ kind: 'load', models: [...models], sources })),
      );
    } catch (error) {
      await pool.close();
      throw error;
    }
  }
  let closed = false;
  return {
    threads,
    nFeatures,
    predictProba: (X, nRows) => {
      if (closed)
        throw new ScoringError('invalid-input', 'ParallelScorer.predictProba: the scorer is closed');
      return scoreShared(local, pool, X, nRows, nFeatures);
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool?.close();
    },
  };
}

function checkSameWidth(scorers: readonly Scorer[], sources: readonly string[]): number {
  const nFeatures = scorers[0]?.nFeatures ?? 0;
  scorers.forEach((scorer, k) => {
    if (scorer.nFeatures !== nFeatures) {
      throw new ScoringError(
        'invalid-input',
        `createParallelScorer: ${sources[k]} takes ${scorer.nFeatures} features, ${sources[0]} takes ${nFeatures}`,
        { file: sources[k]! },
      );
    }
  });
  return nFeatures;
}

/** The caller scores rows [0, share) while the workers score the rest, one contiguous slice each. */
async function scoreShared(
  local: readonly Scorer[],
  pool: WorkerPool<ScoreRequest, ScoreResponse> | null,
  X: Float32Array,
  nRows: number,
  nFeatures: number,
): Promise<Float32Array[]> {
  if (X.length !== nRows * nFeatures) {
    throw new ScoringError(
      'invalid-input',
      `ParallelScorer.predictProba: X has ${X.length} values, not ${nRows} rows x ${nFeatures} features`,
      { field: 'X' },
    );
  }
  const workers = pool === null ? 0 : Math.min(pool.size, Math.floor(nRows / MIN_ROWS_PER_THREAD) - 1);
  if (workers <= 0) return local.map((scorer) => scorer.predictProba(X, nRows));
  const share = Math.ceil(nRows / (workers + 1));
  const requests: ScoreRequest[] = [];
  for (let w = 0; w < workers; w++) {
    const start = Math.min(nRows, (w + 1) * share);
    const end = Math.min(nRows, start + share);
    requests.push({ kind: 'score', X: X.slice(start * nFeatures, end * nFeatures), nRows: end - start });
  }
  const remote = pool!.run(requests);
  const out = local.map(() => new Float32Array(nRows));
  const head = X.subarray(0, share * nFeatures);
  for (let k = 0; k < local.length; k++) out[k]!.set(local[k]!.predictProba(head, share), 0);
  const parts = (await remote) as Float32Array[][];
  for (let w = 0; w < parts.length; w++) {
    for (let k = 0; k < local.length; k++) out[k]!.set(parts[w]![k]!, (w + 1) * share);
  }
  return out;
}
