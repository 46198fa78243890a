/**
 * The few WebAssembly JS-API members this package uses, typed locally: `@types/node` 20 does not
 * declare the `WebAssembly` global and this project compiles without the DOM lib. Node has shipped
 * the API itself (with SIMD and shared memory) since v16. Internal.
 */

/** A WebAssembly.Memory. Created shared, so `buffer` is a SharedArrayBuffer workers can view too. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

export const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
