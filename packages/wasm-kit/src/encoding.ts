/**
 * Just enough of the WebAssembly binary format to hand-write kernels: LEB128 integers, sections,
 * the opcodes the reco kernels use, and module assembly. A byte list per instruction keeps kernel
 * code readable as a flat instruction sequence in WAT order.
 */

export type Bytes = readonly number[];

export const valueType = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b } as const;
export type ValueType = (typeof valueType)[keyof typeof valueType];

export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A length-prefixed vector of already-encoded items. */
function vector(items: readonly Bytes[]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((byte) => [byte]));
}

function section(id: number, content: Bytes): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/**
 * Alignment hint and constant offset of a memory access. The hint is always 4 bytes: f32 rows
 * and the 16-byte SIMD loads of f32 rows are only 4-byte aligned.
 */
const memarg = (offset: number): number[] => [2, ...unsignedLeb(offset)];
const simd = (opcode: number): number[] => [0xfd, ...unsignedLeb(opcode)];

/** Instructions by their WAT names; memory accesses take their constant offset (default 0). */
export const op = {
  localGet: (index: number) => [0x20, ...unsignedLeb(index)],
  localSet: (index: number) => [0x21, ...unsignedLeb(index)],
  localTee: (index: number) => [0x22, ...unsignedLeb(index)],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  ifResult: (type: ValueType) => [0x04, type],
  else: [0x05],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...unsignedLeb(depth)],
  select: [0x1b],
  i32Const: (value: number) => [0x41, ...signedLeb(value)],
  i32Eqz: [0x45],
  i32LtU: [0x49],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32Load: (offset = 0) => [0x28, ...memarg(offset)],
  f32Load: (offset = 0) => [0x2a, ...memarg(offset)],
  f32Store: (offset = 0) => [0x38, ...memarg(offset)],
  f32Const: (value: number) => [0x43, ...new Uint8Array(new Float32Array([value]).buffer)],
  f32Ne: [0x5c],
  f32Ge: [0x60],
  f32Add: [0x92],
  f32Sub: [0x93],
  f32Mul: [0x94],
  f64Add: [0xa0],
  f64Mul: [0xa2],
  f64PromoteF32: [0xbb],
  v128Load: (offset = 0) => [...simd(0x00), ...memarg(offset)],
  v128Store: (offset = 0) => [...simd(0x0b), ...memarg(offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)],
  f32x4Splat: simd(0x13),
  f32x4ExtractLane: (lane: number) => [...simd(0x1f), lane],
  f32x4Add: simd(0xe4),
  f32x4Sub: simd(0xe5),
  f32x4Mul: simd(0xe6),
} as const;

/** A function body: its extra locals (after the parameters) and its instructions. */
export interface FunctionCode {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly locals: readonly ValueType[];
  readonly body: readonly Bytes[];
}

export interface ModuleOptions {
  /** Most 64 KiB pages the imported memory may have. */
  readonly maxPages: number;
  /** Import a shared memory (for worker threads). Default false. */
  readonly shared?: boolean;
}

/** A module importing one memory (`env.memory`) and exporting the given functions by name. */
export function encodeModule(
  functions: Readonly<Record<string, FunctionCode>>,
  options: ModuleOptions,
): Uint8Array {
  const entries = Object.entries(functions);
  const types = entries.map(([, fn]) => [
    0x60,
    ...vector(fn.params.map((t) => [t])),
    ...vector(fn.results.map((t) => [t])),
  ]);
  const limits = options.shared ? 0x03 : 0x01; // has a maximum, and is shared
  const memoryImport = [
    ...name('env'),
    ...name('memory'),
    0x02,
    limits,
    ...unsignedLeb(1),
    ...unsignedLeb(options.maxPages),
  ];
  const exports = entries.map(([exportName], index) => [...name(exportName), 0x00, ...unsignedLeb(index)]);
  const bodies = entries.map(([, fn]) => {
    const code = [...vector(fn.locals.map((t) => [1, t])), ...fn.body.flat(), ...op.end];
    return [...unsignedLeb(code.length), ...code];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(entries.map((_, index) => unsignedLeb(index)))),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ]);
}
