/**
 * One SGD sub-epoch of biased matrix factorisation, run by the main thread or a worker: claim a
 * stratum, shuffle it, and hand it to the SIMD `sgd` kernel (see `simd/kernels.ts` for the update
 * rule). Plain typed arrays and indices only.
 */

import { deriveSeed, mixSeed } from '@reco/core';
import { kernelsFor } from './simd/kernels';
import type { WasmMemory } from './simd/wasm-api';

/**
 * Training ratings rearranged into strata (`strataStart[s] .. strataStart[s+1]-1`), plus the
 * model arrays. All but `strataStart` are views of `memory`, the shared memory the kernel runs on;
 * factor rows are `stride` floats long (factors rounded up to a multiple of 4, padding zero).
 */
export interface SgdArrays {
  readonly memory: WasmMemory;
  readonly stride: number;
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly strataStart: Uint32Array;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly userBias: Float32Array;
  readonly itemBias: Float32Array;
}

export interface SgdStep {
  readonly globalMean: number;
  readonly learningRate: number;
  readonly regularization: number;
  readonly biasRegularization: number;
}

/**
 * One sub-epoch: the strata listed in `strata`, which share no user and no item, claimed one at a
 * time through `cursor[0]`.
 */
export interface SgdSubEpochTask {
  readonly arrays: SgdArrays;
  readonly step: SgdStep;
  readonly strata: Uint32Array;
  /** Shared claim counter (Int32Array of length 1, starting at 0). */
  readonly cursor: Int32Array;
  readonly seed: number;
  readonly epoch: number;
}

/**
 * Runs strata until none are left; returns the sum of squared training errors it saw. The strata
 * of a sub-epoch touch disjoint users and items, so whichever thread runs whichever stratum, in
 * whatever order, every update reads exactly the values it would in a sequential run: the result
 * is the same bytes for any number of threads. The order inside a stratum depends only on (seed,
 * epoch, stratum).
 */
export function runSgdSubEpoch(task: SgdSubEpochTask): number {
  const { arrays, step, strata, cursor, seed, epoch } = task;
  const kernels = kernelsFor(arrays.memory);
  let squaredError = 0;
  for (;;) {
    const claimed = Atomics.add(cursor, 0, 1);
    if (claimed >= strata.length) return squaredError;
    const stratum = strata[claimed]!;
    const start = arrays.strataStart[stratum]!;
    const end = arrays.strataStart[stratum + 1]!;
    // The stratum's own order (createRng's stream for (seed, epoch, stratum)), shuffled in the
    // kernel: the rating columns move, so the SGD pass reads memory in order.
    const { user, item, rating } = arrays;
    kernels.shuffleRatings(
      user.byteOffset,
      item.byteOffset,
      rating.byteOffset,
      start,
      end,
      mixSeed(deriveSeed(seed, epoch, stratum)),
    );
    squaredError += kernels.sgd(
      arrays.user.byteOffset,
      arrays.item.byteOffset,
      arrays.rating.byteOffset,
      start,
      end,
      arrays.userFactors.byteOffset,
      arrays.itemFactors.byteOffset,
      arrays.userBias.byteOffset,
      arrays.itemBias.byteOffset,
      arrays.stride * 4,
      step.globalMean,
      step.learningRate,
      step.regularization,
      step.biasRegularization,
    );
  }
}
