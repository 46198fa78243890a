/**
 * The few WebAssembly JS-API members this package uses, typed locally: `@types/node` 20 does not
 * declare the `WebAssembly` global and the project compiles without the DOM lib. Node has shipped
 * the API (SIMD included) since v16. Internal.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

export const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;

/** Bytes in a WebAssembly memory page. */
export const PAGE_BYTES = 65_536;
