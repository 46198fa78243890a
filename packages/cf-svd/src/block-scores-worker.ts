/**
 * Worker-thread entry of `createPipelinedBlockScorer` (its own tsup entry,
 * `dist/block-scores-worker.js`): it receives the shared memory's layout once, then serves blocks
 * through `Atomics` until told to stop.
 */
import { parentPort } from 'node:worker_threads';
import { type PipelineLayout, serveBlocks } from './pipelined-block-scores';

const port = parentPort;
if (port === null) throw new Error('@reco/cf-svd: block-scores-worker must run in a worker thread');

port.once('message', (layout: PipelineLayout) => serveBlocks(layout));
