import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CfError } from './errors';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

/** A fixed set of worker threads that each run one request at a time. Internal. */
export interface WorkerPool {
  readonly size: number;
  /** Sends `requests[w]` to worker w (at most `size` requests) and resolves with their results. */
  run(requests: readonly WorkerRequest[]): Promise<number[]>;
  close(): Promise<void>;
}

/**
 * Spawns `size` workers. From the built package the entry is `dist/cf-worker.js`; when this module
 * runs from its TypeScript source (vitest, tsx), the worker gets the `.ts` entry, the tsx loader
 * and the `@reco/source` export condition (so workspace packages resolve to their sources too),
 * and tests exercise the real threaded path without a build.
 */
export function createWorkerPool(size: number): WorkerPool {
  const fromSource = import.meta.url.endsWith('.ts');
  const spawn = fromSource
    ? () =>
        new Worker(sourceBootstrap(new URL('./cf-worker.ts', import.meta.url)), {
          eval: true,
          execArgv: ['--conditions=@reco/source'],
        })
    : () => new Worker(new URL('./cf-worker.js', import.meta.url));
  const workers = Array.from({ length: size }, spawn);

  const runOne = (worker: Worker, request: WorkerRequest): Promise<number> =>
    new Promise((resolve, reject) => {
      const onMessage = (response: WorkerResponse) => {
        cleanup();
        if (response.ok) resolve(response.value);
        else reject(new CfError(`worker failed: ${response.message}`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new CfError(`worker crashed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new CfError(`worker exited with code ${code} before answering`));
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

  return {
    size,
    run(requests) {
      if (requests.length > size)
        throw new CfError(`pool of ${size} workers got ${requests.length} requests`);
      return Promise.all(requests.map((request, w) => runOne(workers[w]!, request)));
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * A tiny eval'd script that registers tsx's ESM hooks inside the worker and then imports the `.ts`
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
    throw new CfError('running @reco/cf-svd from source with threads > 1 needs the tsx package installed', {
      cause: error,
    });
  }
  const apiUrl = JSON.stringify(pathToFileURL(api).href);
  return `import(${apiUrl}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}
