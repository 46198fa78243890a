import { CfError } from '../errors';
import { MAX_PAGES, type WasmMemory, wasm } from './wasm-api';

/** What to carve out of an arena: element type and length per named array. */
export type ArenaLayout = Readonly<Record<string, { readonly type: 'f32' | 'u32'; readonly length: number }>>;

export type ArenaViews<L extends ArenaLayout> = {
  readonly [K in keyof L]: L[K]['type'] extends 'f32' ? Float32Array : Uint32Array;
};

/**
 * One shared WebAssembly memory holding every array a training run hands to the SIMD kernels, as
 * typed-array views. The memory is shared so worker threads can view and update the same arrays;
 * each array starts on a 64-byte cache-line boundary, so arrays written by different threads never
 * share a line. `where` names the caller in the error when the layout
 * does not fit in the 4 GiB a wasm32 memory can address.
 */
export function allocateArena<L extends ArenaLayout>(
  where: string,
  layout: L,
): { memory: WasmMemory; views: ArenaViews<L> } {
  const offsets: Record<string, number> = {};
  let bytes = 0;
  for (const [key, { length }] of Object.entries(layout)) {
    offsets[key] = bytes;
    bytes += Math.ceil((length * 4) / 64) * 64;
  }
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > MAX_PAGES) {
    throw new CfError(
      'out-of-memory',
      `${where}: needs ${(bytes / 2 ** 30).toFixed(1)} GiB of working memory, more than the 4 GiB the SIMD kernels can address; train on fewer ratings or factors`,
    );
  }
  const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
  const views: Record<string, Float32Array | Uint32Array> = {};
  for (const [key, { type, length }] of Object.entries(layout)) {
    views[key] =
      type === 'f32'
        ? new Float32Array(memory.buffer, offsets[key], length)
        : new Uint32Array(memory.buffer, offsets[key], length);
  }
  return { memory, views: views as ArenaViews<L> };
}

/** Factors rounded up to a multiple of 4, the row length the f32x4 kernels work on. */
export function paddedFactors(factors: number): number {
  return Math.ceil(factors / 4) * 4;
}

/** Copies rows of `stride` floats into rows of `factors` floats (dropping the zero padding), into ordinary memory. */
export function unpadRows(source: Float32Array, rows: number, stride: number, factors: number): Float32Array {
  const out = new Float32Array(rows * factors);
  if (stride === factors) {
    out.set(source.subarray(0, rows * factors));
    return out;
  }
  for (let r = 0; r < rows; r++) out.set(source.subarray(r * stride, r * stride + factors), r * factors);
  return out;
}
