/**
 * The few WebAssembly JS-API members the kernels use, typed locally: `@types/node` 20 does not
 * declare the `WebAssembly` global and the project compiles without the DOM lib. Node has shipped
 * the API (SIMD and shared memory included) since v16. Internal.
 */

/** A WebAssembly.Memory. Created shared, its `buffer` is a SharedArrayBuffer workers can view too. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

export const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

/** Pages (64 KiB) a wasm32 memory can have at most: 4 GiB, the maximum the kernels declare. */
export const MAX_PAGES = 65_536;
