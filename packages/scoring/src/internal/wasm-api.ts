/**
 * The few WebAssembly JS-API members the kernel needs, typed here: `@types/node` 20 does not
 * declare the `WebAssembly` global and the project compiles without the DOM lib. Node has shipped
 * the API (SIMD included) since v16.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export type WasmModule = object;

export interface WasmApi {
  readonly Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
}

export const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
