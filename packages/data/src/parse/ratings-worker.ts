/**
 * Worker-thread entry (a separate tsup entry, `dist/ratings-worker.js`): parses one byte range
 * of a ratings file straight into the shared columns prepared by `parseRatingsFile`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseRatingsRange } from './ratings-range';
import type { WorkerJob, WorkerMessage } from './ratings-worker-protocol';

const job = workerData as WorkerJob;
const port = parentPort;
if (port === null) throw new Error('ratings-worker must run in a worker thread');

const { region } = job;
const into = {
  userId: new Uint32Array(region.userId, region.offset * 4, region.capacity),
  movie: new Uint32Array(region.movie, region.offset * 4, region.capacity),
  rating: new Float32Array(region.rating, region.offset * 4, region.capacity),
  timestamp: new Uint32Array(region.timestamp, region.offset * 4, region.capacity),
  length: 0,
};
const userIdView = into.userId;

const result = parseRatingsRange({
  ...job.range,
  into,
  onBytes: (done) => port.postMessage({ type: 'progress', done } satisfies WorkerMessage),
});

// Rows beyond the shared region went to private columns: hand those over whole (moved, not copied).
const overflowed = result.raw.userId !== userIdView;
const { raw } = result;
const columns = overflowed
  ? { userId: raw.userId, movie: raw.movie, rating: raw.rating, timestamp: raw.timestamp }
  : undefined;
const message: WorkerMessage = {
  type: 'result',
  rows: raw.length,
  lines: result.lines,
  skipped: result.skipped,
  problems: result.problems,
  ...(result.error === undefined ? {} : { error: result.error }),
  ...(columns === undefined ? {} : { columns }),
};
port.postMessage(
  message,
  columns === undefined
    ? []
    : // Private columns are plain ArrayBuffers (only the shared region is a SharedArrayBuffer).
      [columns.userId.buffer, columns.movie.buffer, columns.rating.buffer, columns.timestamp.buffer].map(
        (b) => b as ArrayBuffer,
      ),
);
