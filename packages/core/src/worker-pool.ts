import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RecoError } from './errors';

/** A worker's answer: the value, or the message of what it threw. */
export type WorkerReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** A fixed set of worker threads that each run one request at a time. */
export interface WorkerPool<Request, Response> {
  readonly size: number;
  /** Sends `requests[w]` to worker w (at most `size` requests) and resolves with their values. */
  run(requests: readonly Request[]): Promise<Response[]>;
  /** Sends one request to worker `worker` (0-based), for callers that keep each worker busy on their own. */
  runOn(worker: number, request: Request): Promise<Response>;
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  /**
   * The worker's entry, resolved beside the calling module: e.g.
   * `new URL('./my-worker.js', import.meta.url)`. When the caller runs from TypeScript source
   * (vitest, tsx) pass the `.ts` URL; {@link workerEntry} picks the right one.
   */
  readonly entry: URL;
  readonly size: number;
}

/**
 * The entry of a worker beside `importMetaUrl`: `name.ts` when the caller runs from source,
 * `name.js` from a build.
 */
export function workerEntry(importMetaUrl: string, name: string): URL {
  return new URL(`./${name}${importMetaUrl.endsWith('.ts') ? '.ts' : '.js'}`, importMetaUrl);
}

/**
 * Spawns `size` workers on `entry`. A `.ts` entry gets the tsx loader and the `@reco/source`
 * export condition, so tests exercise the real threaded path without a build. Each worker must
 * answer each message with one {@link WorkerReply}.
 */
export function createWorkerPool<Request, Response>(
  options: WorkerPoolOptions,
): WorkerPool<Request, Response> {
  const { entry, size } = options;
  const workers = Array.from({ length: size }, () => spawnWorker(entry));
  return {
    size,
    run(requests) {
      if (requests.length > size)
        throw new RecoError('worker-failed', `pool of ${size} workers got ${requests.length} requests`);
      return Promise.all(requests.map((request, w) => runOne<Request, Response>(workers[w]!, request)));
    },
    runOn(worker, request) {
      if (!(Number.isInteger(worker) && worker >= 0 && worker < size))
        throw new RecoError('worker-failed', `pool of ${size} workers has no worker ${worker}`);
      return runOne<Request, Response>(workers[worker]!, request);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * One worker thread on `entry` (see {@link workerEntry}); a `.ts` entry gets the tsx loader and
 * the `@reco/source` export condition, so tests exercise the real threaded path without a build.
 */
export function spawnWorker(entry: URL): Worker {
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(sourceBootstrap(entry), { eval: true, execArgv: ['--conditions=@reco/source'] });
  }
  return new Worker(entry);
}

function runOne<Request, Response>(worker: Worker, request: Request): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply<Response>) => {
      cleanup();
      if (reply.ok) resolve(reply.value);
      else reject(new RecoError('worker-failed', `worker failed: ${reply.message}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new RecoError('worker-failed', `worker crashed: ${error.message}`, { cause: error }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new RecoError('worker-failed', `worker exited with code ${code} before answering`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}

/**
 * A tiny eval'd script that registers tsx's ESM hooks inside the worker, then imports the `.ts`
 * entry. (`execArgv: ['--import', 'tsx']` does not reach worker entries on Node 20.)
 */
function sourceBootstrap(entry: URL): string {
  let api: string;
  try {
    // The require condition resolves to tsx's CJS api; its ESM twin sits beside it.
    api = createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs');
  } catch (error) {
    throw new RecoError(
      'worker-failed',
      'running workers from TypeScript source needs the tsx package installed',
      {
        cause: error,
      },
    );
  }
  const apiUrl = JSON.stringify(pathToFileURL(api).href);
  return `import(${apiUrl}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}
