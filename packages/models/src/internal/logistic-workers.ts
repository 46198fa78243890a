import { Worker } from 'node:worker_threads';
import {
  accumulateLogistic,
  type LogisticProblem,
  type LogisticSums,
  type RowBlock,
  rowBlock,
} from './logistic-objective';

/**
 * Splits the logistic objective's pass over the rows across worker threads, keeping `fit`
 * synchronous: the main thread takes the first block of rows itself, workers take the others, and
 * they meet through Atomics on shared memory (no message round-trips per evaluation).
 *
 * Each worker's rows are copied once per fit into a SharedArrayBuffer (none when X already lives
 * in one), as a `RowBlock`; the main thread's rows are copied only when they have NaN. The kernel is `accumulateLogistic` itself, shipped as source text, so both sides run the
 * same code. Sums are combined in a fixed order: results depend on the thread count but are
 * deterministic for a given one.
 */
export interface ParallelSums {
  readonly sums: LogisticSums;
  /** Stops the workers. */
  close(): void;
}

// control[GENERATION] counts requests; control[PENDING] counts workers still busy;
// control[STOP] asks workers to exit; control[READY] counts workers that started.
const GENERATION = 0;
const PENDING = 1;
const STOP = 2;
const READY = 3;
const START_TIMEOUT_MS = 30_000;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const accumulate = (${accumulateLogistic.toString()});
const { block, nCols, means, delta, weightNegative, weightPositive, control, params, out } = workerData;
const w = new Float64Array(nCols);
const scratch = new Float64Array(nCols);
let seen = 0;
Atomics.add(control, ${READY}, 1);
Atomics.notify(control, ${READY});
for (;;) {
  Atomics.wait(control, ${GENERATION}, seen);
  seen = Atomics.load(control, ${GENERATION});
  if (Atomics.load(control, ${STOP}) === 1) break;
  for (let j = 0; j < nCols; j++) w[j] = params[j + 1];
  try {
    accumulate(block, nCols, means, delta, w, params[0], weightNegative, weightPositive, scratch, out);
  } catch {
    out.fill(NaN);
  }
  if (Atomics.sub(control, ${PENDING}, 1) === 1) Atomics.notify(control, ${PENDING});
}
`;

/**
 * Starts `threads - 1` workers, or returns null when they do not all start in time (the caller
 * then runs single-threaded).
 */
export function parallelSums(problem: LogisticProblem, threads: number): ParallelSums | null {
  const { nRows, nCols } = problem;
  const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.round((k * nRows) / threads));
  const control = new Int32Array(new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT));
  const params = new Float64Array(new SharedArrayBuffer((nCols + 1) * Float64Array.BYTES_PER_ELEMENT));
  const outputs: Float64Array[] = [];
  const workers: Worker[] = [];
  const close = () => {
    Atomics.store(control, STOP, 1);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    for (const worker of workers) worker.unref();
  };
  try {
    for (let k = 1; k < threads; k++) {
      const out = new Float64Array(new SharedArrayBuffer((nCols + 2) * Float64Array.BYTES_PER_ELEMENT));
      outputs.push(out);
      workers.push(startWorker(problem, bounds[k]!, bounds[k + 1]!, { control, params, out }));
    }
  } catch (error) {
    // E.g. out of memory for a shared copy: stop the workers already started.
    close();
    throw error;
  }
  if (!waitUntilReady(control, workers.length)) {
    close();
    for (const worker of workers) void worker.terminate();
    return null;
  }
  const sums = mainThreadSums(problem, bounds[1]!, { control, params, outputs, workers: workers.length });
  return { sums, close };
}

/** A worker over rows from..to-1, as a `RowBlock` in shared memory. */
function startWorker(
  problem: LogisticProblem,
  from: number,
  to: number,
  shared: { control: Int32Array; params: Float64Array; out: Float64Array },
): Worker {
  const { nCols, means, delta, weightNegative, weightPositive } = problem;
  const block = rowBlock(problem, from, to, true);
  const workerData = { block, nCols, means, delta, weightNegative, weightPositive, ...shared };
  return new Worker(WORKER_SOURCE, { eval: true, workerData });
}

/** Blocks until `count` workers have started (they boot on their own threads); false after START_TIMEOUT_MS. */
function waitUntilReady(control: Int32Array, count: number): boolean {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (let ready = Atomics.load(control, READY); ready < count; ready = Atomics.load(control, READY)) {
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(control, READY, ready, left);
  }
  return true;
}

/**
 * The objective's sums: publish the parameters, wake the workers, sum the first block of rows on
 * this thread, wait for the workers and add their sums in a fixed order.
 */
function mainThreadSums(
  problem: LogisticProblem,
  firstBlockEnd: number,
  shared: { control: Int32Array; params: Float64Array; outputs: Float64Array[]; workers: number },
): LogisticSums {
  const { nCols, means, delta, weightNegative, weightPositive } = problem;
  const { control, params, outputs, workers } = shared;
  const block: RowBlock = rowBlock(problem, 0, firstBlockEnd, false);
  const scratch = new Float64Array(nCols);
  const total = new Float64Array(nCols + 2);
  return (w, intercept) => {
    params[0] = intercept;
    params.set(w, 1);
    Atomics.store(control, PENDING, workers);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    accumulateLogistic(
      block,
      nCols,
      means,
      delta,
      w,
      intercept,
      weightNegative,
      weightPositive,
      scratch,
      total,
    );
    for (
      let pending = Atomics.load(control, PENDING);
      pending > 0;
      pending = Atomics.load(control, PENDING)
    ) {
      Atomics.wait(control, PENDING, pending);
    }
    for (const out of outputs) for (let j = 0; j < total.length; j++) total[j] = total[j]! + out[j]!;
    return total;
  };
}
