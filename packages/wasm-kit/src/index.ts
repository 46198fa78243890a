export { MAX_WASM32_PAGES, PAGE_BYTES, type WasmApi, type WasmMemory, wasm } from './api';
export {
  type Bytes,
  encodeModule,
  type FunctionCode,
  type ModuleOptions,
  op,
  signedLeb,
  unsignedLeb,
  type ValueType,
  valueType,
} from './encoding';
