/**
 * Finds and compiles dist/forest.wasm, the kernels `asc` builds from assembly/forest.ts. From the
 * built package this module is dist/index.js, next to the .wasm; from source (vitest's
 * `@reco/source` condition) it is src/internal/kernel-module.ts, two folders below the package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ScoringError } from '../errors';
import { type WasmModule, wasm } from './wasm-api';

const CANDIDATES = ['./forest.wasm', '../../dist/forest.wasm'];

/** The kernels' exports; see assembly/forest.ts for what each does. */
export interface ForestKernels {
  splitMissing(src: number, dst: number, nRows: number, rowBytes: number): void;
  scoreForest(
    rows: number,
    nRows: number,
    rowBytes: number,
    nodes: number,
    leaves: number,
    nTrees: number,
    depth: number,
    out: number,
  ): void;
}

/** Rows `scoreForest` walks at once; it is given a row count that is a multiple of this. */
export const ROWS_PER_BLOCK = 8;

/** The most 64 KiB pages a kernel memory may have (2 GiB; the kernels use i32 addresses). */
export const MAX_PAGES = 32_768;

export const PAGE_BYTES = 65_536;

let compiled: WasmModule | null = null;

/** The compiled kernel module, once per process; `kernel-unavailable` when it was not built. */
export function kernelModule(): WasmModule {
  if (compiled !== null) return compiled;
  const path = CANDIDATES.map((candidate) => fileURLToPath(new URL(candidate, import.meta.url))).find(
    existsSync,
  );
  if (path === undefined) {
    throw new ScoringError(
      'kernel-unavailable',
      'the WebAssembly kernel dist/forest.wasm is not built; run `pnpm --filter @reco/scoring build`',
      { file: 'dist/forest.wasm' },
    );
  }
  compiled = new wasm.Module(readFileSync(path));
  return compiled;
}
