import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerEntry } from '@reco/core';
import { type BlockScorer, copyRows, DEFAULT_BLOCK_USERS } from './block-scores';
import { CfError } from './errors';
import { allocateArena, paddedFactors } from './simd/arena';
import { kernelsFor } from './simd/kernels';
import type { WasmMemory } from './simd/wasm-api';

/**
 * A block scorer that scores the next block on a worker thread while the caller ranks the
 * current one: `request` hands a block over, `take` returns its scores (waiting for them if the
 * worker is not done). Two slots, so the block just taken stays valid while the next is scored.
 * The caller never needs the event loop: requests and answers go through `Atomics` on shared
 * memory. Should the worker be gone or stall, the block is scored on the calling thread instead,
 * with the same kernel and so the same numbers.
 */
export interface PipelinedBlockScorer extends Pick<BlockScorer, 'nItems' | 'factors' | 'blockUsers'> {
  /** Starts scoring `nUsers` users (rows of `userFactors`); at most one block is in flight. */
  request(userFactors: Float32Array, nUsers: number): void;
  /** The scores of the block last requested (nUsers rows of nItems), valid until the second `request` after. */
  take(): Float32Array;
  /** Whether blocks are scored on the worker (false once it is closed, gone or stalled). */
  readonly threaded: boolean;
  /** Stops the worker. Safe to call twice. */
  close(): void;
}

/** Control words (Int32 indices): requests made, requests done, slot and users of the request, stop flag. */
const REQUESTED = 0;
const DONE = 1;
const SLOT = 2;
const USERS = 3;
const STOP = 4;
/** How long `take` waits for the worker before scoring the block itself. */
const STALL_MS = 10_000;

/** What the worker needs to score into the shared memory: byte offsets of every array. */
export interface PipelineLayout {
  readonly memory: WasmMemory;
  readonly control: number;
  readonly y: number;
  readonly x: readonly [number, number];
  readonly out: readonly [number, number];
  readonly nItems: number;
  readonly stride: number;
}

export function createPipelinedBlockScorer(
  itemFactors: Float32Array,
  factors: number,
  blockUsers: number = DEFAULT_BLOCK_USERS,
): PipelinedBlockScorer {
  const { layout, views, control } = pipelineArena(itemFactors, factors, blockUsers);
  const { nItems, stride } = layout;
  const inputs = [views.x0, views.x1] as const;
  const outputs = [views.out0, views.out1] as const;
  let worker: Worker | null = startWorker(layout);
  const local = kernelsFor(layout.memory);
  const scoreHere = (slot: number, nUsers: number) =>
    local.scoreBlock(layout.out[slot]!, layout.x[slot]!, nUsers, layout.y, nItems, stride * 4);
  let requests = 0;
  let pending: { slot: number; nUsers: number } | null = null;
  return {
    nItems,
    factors,
    blockUsers,
    get threaded() {
      return worker !== null;
    },
    request(userFactors, nUsers) {
      checkBlock(userFactors, nUsers, factors, blockUsers);
      if (pending !== null) this.take();
      const slot = requests & 1;
      copyRows(userFactors, inputs[slot]!, nUsers, factors, stride);
      pending = { slot, nUsers };
      requests++;
      if (worker === null) scoreHere(slot, nUsers);
      else postRequest(control, slot, nUsers, requests);
    },
    take() {
      if (pending === null) {
        throw new CfError('invalid-input', 'PipelinedBlockScorer.take: no block was requested');
      }
      const { slot, nUsers } = pending;
      pending = null;
      if (worker !== null && !waitFor(control, requests)) {
        // The worker is gone or stalled: score here from now on.
        void worker.terminate();
        worker = null;
        scoreHere(slot, nUsers);
      }
      return outputs[slot]!.subarray(0, nUsers * nItems);
    },
    close() {
      if (worker === null) return;
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, REQUESTED);
      void worker.terminate();
      worker = null;
    },
  };
}

/** The shared memory: control words, the padded item rows, and two (input, output) slots. */
function pipelineArena(itemFactors: Float32Array, factors: number, blockUsers: number) {
  const nItems = itemFactors.length / factors;
  const stride = paddedFactors(factors);
  const { memory, views } = allocateArena('createPipelinedBlockScorer', {
    control: { type: 'u32', length: 8 },
    y: { type: 'f32', length: nItems * stride },
    x0: { type: 'f32', length: blockUsers * stride },
    x1: { type: 'f32', length: blockUsers * stride },
    out0: { type: 'f32', length: blockUsers * nItems },
    out1: { type: 'f32', length: blockUsers * nItems },
  });
  copyRows(itemFactors, views.y, nItems, factors, stride);
  const layout: PipelineLayout = {
    memory,
    control: views.control.byteOffset,
    y: views.y.byteOffset,
    x: [views.x0.byteOffset, views.x1.byteOffset],
    out: [views.out0.byteOffset, views.out1.byteOffset],
    nItems,
    stride,
  };
  return { layout, views, control: new Int32Array(memory.buffer, views.control.byteOffset, 8) };
}

function checkBlock(userFactors: Float32Array, nUsers: number, factors: number, blockUsers: number): void {
  if (!(nUsers >= 0 && nUsers <= blockUsers) || userFactors.length < nUsers * factors) {
    throw new CfError(
      'invalid-input',
      `PipelinedBlockScorer.request: ${nUsers} users of ${factors} factors do not fit a block of ${blockUsers}`,
      { field: 'nUsers' },
    );
  }
}

/** Hands request `n` (slot, users) to the worker. */
function postRequest(control: Int32Array, slot: number, nUsers: number, n: number): void {
  Atomics.store(control, SLOT, slot);
  Atomics.store(control, USERS, nUsers);
  Atomics.store(control, REQUESTED, n);
  Atomics.notify(control, REQUESTED);
}

function startWorker(layout: PipelineLayout): Worker | null {
  try {
    const worker = spawnWorker(workerEntry(import.meta.url, 'block-scores-worker'));
    worker.unref();
    worker.postMessage(layout);
    return worker;
  } catch {
    return null;
  }
}

/** Waits until the worker has done request `n`; false if it did not within STALL_MS. */
function waitFor(control: Int32Array, n: number): boolean {
  const deadline = performance.now() + STALL_MS;
  for (;;) {
    const done = Atomics.load(control, DONE);
    if (done === n) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(control, DONE, done, left);
  }
}

/**
 * The worker's loop (`block-scores-worker.ts` runs it): wait for a request, score it with the
 * kernel into its slot, publish it as done; until the stop flag is set.
 */
export function serveBlocks(layout: PipelineLayout): void {
  const control = new Int32Array(layout.memory.buffer, layout.control, 8);
  const kernels = kernelsFor(layout.memory);
  let seen = 0;
  for (;;) {
    Atomics.wait(control, REQUESTED, seen);
    if (Atomics.load(control, STOP) === 1) return;
    const n = Atomics.load(control, REQUESTED);
    if (n === seen) continue;
    const slot = Atomics.load(control, SLOT);
    const nUsers = Atomics.load(control, USERS);
    kernels.scoreBlock(
      layout.out[slot]!,
      layout.x[slot]!,
      nUsers,
      layout.y,
      layout.nItems,
      layout.stride * 4,
    );
    seen = n;
    Atomics.store(control, DONE, n);
    Atomics.notify(control, DONE);
  }
}
