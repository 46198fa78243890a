// A worker for the pool's own tests: doubles a number, or fails on a negative one.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', (value: number) => {
  if (value < 0) parentPort!.postMessage({ ok: false, message: `negative input ${value}` });
  else parentPort!.postMessage({ ok: true, value: value * 2 });
});
