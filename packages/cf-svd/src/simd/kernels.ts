/**
 * The hot loops of the package as WebAssembly SIMD (f32x4) kernels: the SGD pass of matrix
 * factorisation, the per-event accumulation and the (YᵀY + λI)·p product of the ALS
 * conjugate-gradient solves, and the scores of a block of users against every item. The source is AssemblyScript (`kernels.as.ts`), compiled by the
 * package's build into `wasm/kernels.wasm` and copied beside the bundle as `dist/kernels.wasm`;
 * `kernels-ts.ts` holds the plain-TypeScript twin the tests and the bench compare against.
 *
 * All pointers are byte offsets into the shared memory of an arena (see arena.ts); strides are
 * bytes, multiples of 16. Internal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CfError } from '../errors';
import { type WasmMemory, wasm } from './wasm-api';

/** The kernels bound to one memory. Pointers are byte offsets; strides are bytes (multiples of 16). */
export interface Kernels {
  sgd(
    user: number,
    item: number,
    rating: number,
    start: number,
    end: number,
    p: number,
    q: number,
    userBias: number,
    itemBias: number,
    stride: number,
    mean: number,
    lr: number,
    reg: number,
    biasReg: number,
  ): number;
  accumulate(
    out: number,
    v: number,
    y: number,
    indices: number,
    data: number,
    start: number,
    end: number,
    stride: number,
    residual: number,
  ): void;
  symmetricTimes(out: number, m: number, v: number, stride: number): void;
  /** Shuffles rating rows start..end-1 (three columns), drawing from mulberry32 at `state`. */
  shuffleRatings(user: number, item: number, rating: number, start: number, end: number, state: number): void;
  /** out (nUsers rows of nItems floats) = x (nUsers rows) times y (nItems rows) transposed. */
  scoreBlock(out: number, x: number, nUsers: number, y: number, nItems: number, stride: number): void;
}

/**
 * Where the compiled module may be, first match wins: beside the bundle (`dist/*.js`, also in the
 * worker threads), or, running from `src/simd/kernels.ts` (vitest, tsx), the build's own output
 * and then the copy in dist (which is all a turbo cache hit restores).
 */
export function kernelCandidates(moduleUrl: string = import.meta.url): URL[] {
  if (!moduleUrl.endsWith('.ts')) return [new URL('./kernels.wasm', moduleUrl)];
  return [new URL('../../wasm/kernels.wasm', moduleUrl), new URL('../../dist/kernels.wasm', moduleUrl)];
}

/** The compiled kernels' bytes; a clear error when the package was never built. */
export function readKernelBytes(candidates: readonly URL[] = kernelCandidates()): Uint8Array {
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return readFileSync(path);
  }
  throw new CfError(
    'kernels-missing',
    `the WebAssembly kernels are not built (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')}); run pnpm --filter @reco/cf-svd build`,
  );
}

let compiled: object | undefined;

/** Instantiates the kernels on `memory` (the module itself is read and compiled once per thread). */
export function kernelsFor(memory: WasmMemory): Kernels {
  compiled ??= new wasm.Module(readKernelBytes());
  const instance = new wasm.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as Kernels;
}
