/**
 * Just enough of the WebAssembly binary format to write the forest kernels: LEB128 integers,
 * sections, and the opcodes those kernels use. A byte list per instruction keeps kernel code
 * readable as a flat instruction sequence in WAT order. Internal.
 */

export type Bytes = readonly number[];

export const valueType = { i32: 0x7f, f32: 0x7d } as const;
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

/** Alignment hint (log2 bytes, always 4-byte here) and constant offset of a memory access. */
const memarg = (offset: number): number[] => [2, ...unsignedLeb(offset)];

/** Instructions by their WAT names. */
export const op = {
  localGet: (index: number) => [0x20, ...unsignedLeb(index)],
  localSet: (index: number) => [0x21, ...unsignedLeb(index)],
  localTee: (index: number) => [0x22, ...unsignedLeb(index)],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...unsignedLeb(depth)],
  select: [0x1b],
  i32Const: (value: number) => [0x41, ...signedLeb(value)],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32LtU: [0x49],
  i32Load: (offset = 0) => [0x28, ...memarg(offset)],
  f32Load: (offset = 0) => [0x2a, ...memarg(offset)],
  f32Store: (offset = 0) => [0x38, ...memarg(offset)],
  f32Const: (value: number) => [0x43, ...new Uint8Array(new Float32Array([value]).buffer)],
  f32Ne: [0x5c],
  f32Ge: [0x60],
  f32Add: [0x92],
} as const;

/** A function body: its extra locals (after the parameters) and its instructions. */
export interface FunctionCode {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
  readonly locals: readonly ValueType[];
  readonly body: readonly Bytes[];
}

/** A module importing one memory (`env.memory`, up to `maxPages` pages) and exporting the functions by name. */
export function encodeModule(
  functions: Readonly<Record<string, FunctionCode>>,
  maxPages: number,
): Uint8Array {
  const entries = Object.entries(functions);
  const types = entries.map(([, fn]) => [
    0x60,
    ...vector(fn.params.map((t) => [t])),
    ...vector(fn.results.map((t) => [t])),
  ]);
  const memoryImport = [
    ...name('env'),
    ...name('memory'),
    0x02,
    0x01,
    ...unsignedLeb(1),
    ...unsignedLeb(maxPages),
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
