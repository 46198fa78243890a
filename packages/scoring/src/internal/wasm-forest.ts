import type { FlatForest } from './flat-forest';
import { type ForestKernels, kernelModule, MAX_PAGES, PAGE_BYTES, ROWS_PER_BLOCK } from './kernel-module';
import { sigmoidF32 } from './link';
import { type WasmMemory, wasm } from './wasm-api';

/** Rows per chunk are chosen so a chunk's doubled rows take about this many bytes (cache-sized). */
const CHUNK_BYTES = 128 * 1024;

interface Layout {
  readonly nodes: number;
  readonly leaves: number;
  readonly raw: number;
  readonly doubled: number;
  readonly out: number;
}

/**
 * Scores rows with a flat forest in WebAssembly, on the calling thread. Rows go through in
 * cache-sized chunks: copied into the kernel's memory, doubled by `splitMissing`, walked by
 * `scoreForest`, then through XGBoost's f32 sigmoid.
 */
export class WasmForest {
  readonly #forest: FlatForest;
  readonly #kernels: ForestKernels;
  readonly #memory: WasmMemory;
  readonly #chunkRows: number;
  readonly #at: Layout;

  constructor(forest: FlatForest) {
    this.#forest = forest;
    const rowBytes = forest.nFeatures * 4;
    const blocks = Math.max(1, Math.floor(CHUNK_BYTES / (2 * rowBytes * ROWS_PER_BLOCK)));
    this.#chunkRows = blocks * ROWS_PER_BLOCK;
    // Layout: nodes | leaves | raw chunk | doubled chunk | margins, each 64-byte aligned.
    const align = (bytes: number) => Math.ceil(bytes / 64) * 64;
    const leaves = align(forest.nodes.byteLength);
    const raw = leaves + align(forest.leaves.byteLength);
    const doubled = raw + align(this.#chunkRows * rowBytes);
    const out = doubled + align(this.#chunkRows * 2 * rowBytes);
    const pages = Math.ceil((out + this.#chunkRows * 4) / PAGE_BYTES);
    if (pages > MAX_PAGES)
      throw new RangeError(`a flat forest of ${pages} pages does not fit a wasm32 memory`);
    this.#memory = new wasm.Memory({ initial: pages, maximum: pages });
    const instance = new wasm.Instance(kernelModule(), { env: { memory: this.#memory } });
    this.#kernels = instance.exports as unknown as ForestKernels;
    this.#at = { nodes: 0, leaves, raw, doubled, out };
    new Uint8Array(this.#memory.buffer, 0, forest.nodes.byteLength).set(new Uint8Array(forest.nodes));
    new Float32Array(this.#memory.buffer, leaves, forest.leaves.length).set(forest.leaves);
  }

  /** Probabilities (or margins, for an identity link) of `nRows` checked rows. */
  predict(X: Float32Array, nRows: number): Float32Array {
    const { nFeatures, nTrees, depth, baseMargin, link } = this.#forest;
    const at = this.#at;
    const raw = new Float32Array(this.#memory.buffer, at.raw, this.#chunkRows * nFeatures);
    const margins = new Float32Array(this.#memory.buffer, at.out, this.#chunkRows);
    const result = new Float32Array(nRows);
    for (let start = 0; start < nRows; start += this.#chunkRows) {
      const rows = Math.min(this.#chunkRows, nRows - start);
      raw.set(X.subarray(start * nFeatures, (start + rows) * nFeatures));
      this.#kernels.splitMissing(at.raw, at.doubled, rows, nFeatures * 4);
      margins.fill(baseMargin);
      // The tail block walks a few stale rows too; their margins are never read.
      const walked = Math.ceil(rows / ROWS_PER_BLOCK) * ROWS_PER_BLOCK;
      this.#kernels.scoreForest(
        at.doubled,
        walked,
        nFeatures * 8,
        at.nodes,
        at.leaves,
        nTrees,
        depth,
        at.out,
      );
      if (link === 'logistic') {
        for (let i = 0; i < rows; i++) result[start + i] = sigmoidF32(margins[i]!);
      } else {
        result.set(margins.subarray(0, rows), start);
      }
    }
    return result;
  }
}
