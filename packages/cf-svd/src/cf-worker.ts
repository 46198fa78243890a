/**
 * Worker-thread entry (its own tsup entry, `dist/cf-worker.js`). It only relays requests to
 * `handleRequest`; all the work lives in the kernels, which the main thread can also run itself.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from '@reco/core';
import { handleRequest, type WorkerRequest } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('@reco/cf-svd: cf-worker must run in a worker thread');

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply<number>;
  try {
    reply = { ok: true, value: handleRequest(request) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
