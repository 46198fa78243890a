/**
 * Worker-thread entry of `createParallelScorer` (its own tsup entry, `dist/score-worker.js`): it
 * loads the models once, then scores the row slices it is sent.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from '@reco/core';
import { loadScorerFromBytes } from './load';
import type { Scorer } from './types';

export type ScoreRequest =
  | { readonly kind: 'load'; readonly models: readonly Uint8Array[]; readonly sources: readonly string[] }
  | { readonly kind: 'score'; readonly X: Float32Array; readonly nRows: number };

/** 0 for `load`, each model's probabilities for `score`. */
export type ScoreResponse = number | Float32Array[];

const port = parentPort;
if (port === null) throw new Error('@reco/scoring: score-worker must run in a worker thread');

let scorers: Scorer[] = [];

port.on('message', (request: ScoreRequest) => {
  let reply: WorkerReply<ScoreResponse>;
  try {
    if (request.kind === 'load') {
      scorers = request.models.map((bytes, k) => loadScorerFromBytes(bytes, request.sources[k]));
      reply = { ok: true, value: 0 };
    } else {
      reply = { ok: true, value: scorers.map((scorer) => scorer.predictProba(request.X, request.nRows)) };
    }
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
