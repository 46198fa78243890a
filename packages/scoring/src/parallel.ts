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
  /**
   * P(class 1) for a stream of row blocks, e.g. a feature pipeline's chunks (which may reuse one
   * buffer), into one `nRows` array per model. A chunk goes whole to an idle worker, else this
   * thread scores it: the workers score while the caller builds the next chunk. Same numbers as
   * `predictProba`.
   */
  scoreChunks(
    chunks: Iterable<RowChunk>,
    nRows: number,
    onChunk?: (doneRows: number) => void,
  ): Promise<Float32Array[]>;
  /** Stops the workers. Safe to call twice. */
  close(): Promise<void>;
}

/** Rows `start .. start + nRows` of a larger set, `nRows x nFeatures` row-major. */
export interface RowChunk {
  readonly start: number;
  readonly nRows: number;
  readonly data: Float32Array;
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
    scoreChunks: (chunks, nRows, onChunk) => {
      if (closed) throw new ScoringError('invalid-input', 'ParallelScorer.scoreChunks: the scorer is closed');
      return scoreStream(local, pool, chunks, { nRows, nFeatures }, onChunk);
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

/** The first worker without a chunk in flight, or -1. */
function idleWorker(size: number, inFlight: ReadonlyMap<number, unknown>): number {
  for (let w = 0; w < size; w++) if (!inFlight.has(w)) return w;
  return -1;
}

/** Lets worker replies (macrotasks) land between two chunks built synchronously by the caller. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

async function scoreStream(
  local: readonly Scorer[],
  pool: WorkerPool<ScoreRequest, ScoreResponse> | null,
  chunks: Iterable<RowChunk>,
  shape: { readonly nRows: number; readonly nFeatures: number },
  onChunk: ((doneRows: number) => void) | undefined,
): Promise<Float32Array[]> {
  const out = local.map(() => new Float32Array(shape.nRows));
  // Worker index -> its chunk's task; a worker is idle when it has none.
  const inFlight = new Map<number, Promise<void>>();
  let failure: unknown = null;
  let done = 0;
  const finish = (chunk: RowChunk, scores: readonly Float32Array[]) => {
    for (let k = 0; k < out.length; k++) out[k]!.set(scores[k]!, chunk.start);
    done += chunk.nRows;
    onChunk?.(done);
  };
  const send = (w: number, chunk: RowChunk) => {
    // A copy: the caller may refill its buffer for the next chunk while the worker scores this one.
    const request: ScoreRequest = { kind: 'score', X: chunk.data.slice(), nRows: chunk.nRows };
    const task: Promise<void> = pool!.runOn(w, request).then(
      (scores) => finish(chunk, scores as Float32Array[]),
      // Held, not thrown here: an unawaited rejection would be unhandled until the loop ends.
      (error: unknown) => {
        failure ??= error;
      },
    );
    inFlight.set(w, task);
    void task.then(() => inFlight.delete(w));
  };
  for (const chunk of chunks) {
    if (failure !== null) break;
    checkChunk(chunk, shape);
    const w = pool === null ? -1 : idleWorker(pool.size, inFlight);
    if (w < 0)
      finish(
        chunk,
        local.map((scorer) => scorer.predictProba(chunk.data, chunk.nRows)),
      );
    else send(w, chunk);
    await yieldToEvents();
  }
  await Promise.all(inFlight.values());
  if (failure !== null) throw failure;
  return out;
}

function checkChunk(chunk: RowChunk, shape: { readonly nRows: number; readonly nFeatures: number }): void {
  const { start, nRows, data } = chunk;
  if (data.length !== nRows * shape.nFeatures || start < 0 || start + nRows > shape.nRows) {
    throw new ScoringError(
      'invalid-input',
      `ParallelScorer.scoreChunks: the chunk at row ${start} has ${data.length} values for ${nRows} rows; ` +
        `expected ${nRows} x ${shape.nFeatures} features within ${shape.nRows} rows`,
      { field: 'chunks' },
    );
  }
}
