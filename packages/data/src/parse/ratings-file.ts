import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { splitAtLineStarts } from './line-chunks';
import { parseRatingsRange, type RangeOptions, type RowProblem } from './ratings-range';
import type { WorkerJob, WorkerMessage } from './ratings-worker-protocol';
import { type RawRatings, trimRawRatings } from './raw-ratings';
import { LF } from './scan';

export interface RatingsFileOptions
  extends Omit<RangeOptions, 'path' | 'start' | 'end' | 'onBytes' | 'into'> {
  /** Byte offset of the first data line (after a header, if any). */
  readonly dataStart: number;
  /** File lines before `dataStart` (1 with a header), so problems carry file line numbers. */
  readonly linesBefore: number;
  /** Worker threads to use; 1 parses on the calling thread. */
  readonly workers: number;
  readonly onBytes?: (done: number, total: number) => void;
}

export interface ParsedRatingsFile {
  readonly raw: RawRatings;
  /** Lines parsed after `dataStart` (blank and rejected ones included). */
  readonly lines: number;
  readonly skipped: number;
  /** With file line numbers. */
  readonly problems: RowProblem[];
  readonly error?: RowProblem;
  /** Threads actually used. */
  readonly workers: number;
  /** Why fewer workers were used than asked, if so. */
  readonly note?: string;
}

/**
 * Parses a whole ratings file, on the calling thread or on worker threads. With workers, the
 * file is cut into byte ranges at line starts and each worker parses one range straight into
 * its own region of four shared columns; the regions are then slid together. Each page of the
 * result is written once by one thread, and no per-worker copy of the data is ever held, which
 * keeps peak memory near the size of the result.
 */
export async function parseRatingsFile(
  path: string,
  options: RatingsFileOptions,
): Promise<ParsedRatingsFile> {
  const size = statSync(path).size;
  let note: string | undefined;
  if (options.workers > 1) {
    const entry = resolveWorkerEntry();
    if (entry === undefined) {
      note =
        'ratings parsed on 1 thread: the worker script was not found (build @reco/data to enable workers)';
    } else {
      const cuts = splitAtLineStarts(path, options.dataStart, size, options.workers);
      if (cuts.length > 2) return parseWithWorkers(path, cuts, options, entry);
    }
  }
  const parsed = parseOnThisThread(path, size, options);
  return note === undefined ? parsed : { ...parsed, note };
}

function parseOnThisThread(path: string, end: number, options: RatingsFileOptions): ParsedRatingsFile {
  const { dataStart, linesBefore, workers: _workers, onBytes, ...range } = options;
  const total = end - dataStart;
  const result = parseRatingsRange({
    ...range,
    path,
    start: dataStart,
    end,
    onBytes: (done) => onBytes?.(done, total),
  });
  const shift = (p: RowProblem): RowProblem => ({ ...p, line: p.line + linesBefore });
  return {
    raw: trimRawRatings(result.raw),
    lines: result.lines,
    skipped: result.skipped,
    problems: result.problems.map(shift),
    ...(result.error === undefined ? {} : { error: shift(result.error) }),
    workers: 1,
  };
}

/** How to start a worker: a script file, or bootstrap code that loads the TypeScript source. */
interface WorkerEntry {
  readonly script: URL | string;
  readonly eval: boolean;
}

/**
 * Finds the worker script. Built (`dist/`), it sits next to this module as `ratings-worker.js`.
 * From TypeScript sources (tests, `tsx`), the `.ts` file is loaded through tsx's ESM hooks when
 * tsx is installed; otherwise there is no worker and the caller parses on one thread and says so.
 */
function resolveWorkerEntry(): WorkerEntry | undefined {
  const built = new URL('./ratings-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { script: built, eval: false };
  const source = new URL('./ratings-worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return undefined;
  let tsx: string;
  try {
    tsx = createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
  } catch {
    return undefined;
  }
  const api = JSON.stringify(pathToFileURL(tsx).href);
  const code = `import(${api}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  return { script: code, eval: true };
}

type WorkerResult = Extract<WorkerMessage, { type: 'result' }>;
type SharedColumns = Record<'userId' | 'movie' | 'rating' | 'timestamp', SharedArrayBuffer>;

async function parseWithWorkers(
  path: string,
  cuts: number[],
  options: RatingsFileOptions,
  entry: WorkerEntry,
): Promise<ParsedRatingsFile> {
  // A callback cannot cross into a worker; the caller hashes the file itself when it sees no bytes fed.
  const { dataStart, linesBefore, workers: _workers, onBytes, onChunk: _onChunk, ...range } = options;
  const parts = cuts.length - 1;
  const total = cuts[parts]! - dataStart;
  const { shared, offsets, capacities } = sharedRegions(path, cuts);

  const done = new Array<number>(parts).fill(0);
  const running: Worker[] = [];
  const stopped = new Set<Worker>();
  const stopAfter = (k: number) => {
    // An error in range k makes every later range irrelevant.
    for (const w of running.slice(k + 1)) {
      stopped.add(w);
      void w.terminate();
    }
  };
  const results = await Promise.all(
    cuts.slice(0, -1).map((start, k) => {
      const job: WorkerJob = {
        range: { ...range, path, start, end: cuts[k + 1]! },
        region: { ...shared, offset: offsets[k]!, capacity: capacities[k]! },
      };
      const worker = new Worker(entry.script, { workerData: job, eval: entry.eval });
      running.push(worker);
      return workerResult(worker, job, {
        onProgress: (bytes) => {
          done[k] = bytes;
          onBytes?.(
            done.reduce((a, b) => a + b, 0),
            total,
          );
        },
        onError: () => stopAfter(k),
        wasStopped: () => stopped.has(worker),
      });
    }),
  ).finally(() => {
    for (const w of running) void w.terminate();
  });
  onBytes?.(total, total);

  const { problems, skipped, error } = fileProblems(results, linesBefore);
  const lines = results.reduce((sum, r) => sum + r.lines, 0);
  const parsed = { lines, skipped, problems: problems.slice(0, options.keepProblems), workers: parts };
  if (error !== undefined) return { ...parsed, raw: emptyRaw(), error };
  return { ...parsed, raw: mergeRegions(shared, offsets, results) };
}

/**
 * One region of four shared columns per range, sized from the range's own mean line length with a
 * margin. A range that does not fit is still correct (its worker keeps the rows privately), just slower.
 */
function sharedRegions(path: string, cuts: number[]) {
  const capacities = cuts.slice(0, -1).map((start, k) => estimateRows(path, start, cuts[k + 1]!));
  const offsets = [0];
  for (const c of capacities) offsets.push(offsets[offsets.length - 1]! + c);
  const capacity = offsets[capacities.length]!;
  // Shared memory is committed page by page as it is written, so the margin costs address space only.
  const shared: SharedColumns = {
    userId: new SharedArrayBuffer(capacity * 4),
    movie: new SharedArrayBuffer(capacity * 4),
    rating: new SharedArrayBuffer(capacity * 4),
    timestamp: new SharedArrayBuffer(capacity * 4),
  };
  return { shared, offsets, capacities };
}

/**
 * The result a worker posts. A worker stopped on purpose (a range before it failed) resolves to
 * an empty result; any other exit before a result is an error.
 */
function workerResult(
  worker: Worker,
  job: WorkerJob,
  events: { onProgress(done: number): void; onError(): void; wasStopped(): boolean },
): Promise<WorkerResult> {
  return new Promise<WorkerResult>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        events.onProgress(message.done);
        return;
      }
      settled = true;
      resolve(message);
      if (message.error !== undefined) events.onError();
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      if (events.wasStopped()) resolve({ type: 'result', rows: 0, lines: 0, skipped: 0, problems: [] });
      else {
        const { start, end } = job.range;
        reject(new Error(`ratings worker for bytes ${start}-${end} exited with code ${code}`));
      }
    });
  });
}

/** The workers' problems with file line numbers, known once the line counts of earlier ranges are. */
function fileProblems(results: WorkerResult[], linesBefore: number) {
  const problems: RowProblem[] = [];
  let skipped = 0;
  let error: RowProblem | undefined;
  let base = linesBefore;
  for (const result of results) {
    for (const p of result.problems) problems.push({ ...p, line: p.line + base });
    skipped += result.skipped;
    if (result.error !== undefined) {
      error = { ...result.error, line: result.error.line + base };
      break;
    }
    base += result.lines;
  }
  return { problems, skipped, error };
}

/** Slides the filled regions together into one run of rows; falls back to a copy after an overflow. */
function mergeRegions(shared: SharedColumns, offsets: number[], results: WorkerResult[]): RawRatings {
  const rows = results.reduce((sum, r) => sum + r.rows, 0);
  const userId = new Uint32Array(shared.userId);
  const movie = new Uint32Array(shared.movie);
  const rating = new Float32Array(shared.rating);
  const timestamp = new Uint32Array(shared.timestamp);
  if (results.some((r) => r.columns !== undefined)) {
    const out = {
      userId: new Uint32Array(rows),
      movie: new Uint32Array(rows),
      rating: new Float32Array(rows),
      timestamp: new Uint32Array(rows),
      length: rows,
    };
    let at = 0;
    results.forEach((r, k) => {
      const src = r.columns ?? {
        userId: userId.subarray(offsets[k]!, offsets[k]! + r.rows),
        movie: movie.subarray(offsets[k]!, offsets[k]! + r.rows),
        rating: rating.subarray(offsets[k]!, offsets[k]! + r.rows),
        timestamp: timestamp.subarray(offsets[k]!, offsets[k]! + r.rows),
      };
      out.userId.set(src.userId.subarray(0, r.rows), at);
      out.movie.set(src.movie.subarray(0, r.rows), at);
      out.rating.set(src.rating.subarray(0, r.rows), at);
      out.timestamp.set(src.timestamp.subarray(0, r.rows), at);
      at += r.rows;
    });
    return out;
  }
  let at = 0;
  results.forEach((r, k) => {
    const from = offsets[k]!;
    if (from !== at) {
      // Regions only ever move left (each starts at or after the rows before it), in file order.
      userId.copyWithin(at, from, from + r.rows);
      movie.copyWithin(at, from, from + r.rows);
      rating.copyWithin(at, from, from + r.rows);
      timestamp.copyWithin(at, from, from + r.rows);
    }
    at += r.rows;
  });
  return {
    userId: userId.subarray(0, rows),
    movie: movie.subarray(0, rows),
    rating: rating.subarray(0, rows),
    timestamp: timestamp.subarray(0, rows),
    length: rows,
  };
}

function emptyRaw(): RawRatings {
  return {
    userId: new Uint32Array(0),
    movie: new Uint32Array(0),
    rating: new Float32Array(0),
    timestamp: new Uint32Array(0),
    length: 0,
  };
}

/** Rows to reserve for a byte range: its size over the mean line length of its first 64 KB, +6%. */
function estimateRows(path: string, start: number, end: number): number {
  const sample = Buffer.allocUnsafe(Math.min(64 << 10, end - start));
  const fd = openSync(path, 'r');
  let got = 0;
  try {
    got = readSync(fd, sample, 0, sample.length, start);
  } finally {
    closeSync(fd);
  }
  let lines = 0;
  for (let i = 0; i < got; i++) if (sample[i] === LF) lines++;
  return Math.ceil(((end - start) / Math.max(got, 1)) * Math.max(lines, 1) * 1.06) + 1024;
}
