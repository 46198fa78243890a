import { endianness } from 'node:os';
import { BundleError } from './errors';

/**
 * NumPy's `.npy` format, version 1.0, for the typed arrays other tools read (`numpy.load`):
 * the magic `\x93NUMPY`, version bytes 1 0, a little-endian uint16 header length, then an ASCII
 * Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (n, k), }` padded with
 * spaces and ended by `\n` so that magic + length + header is a multiple of 64 bytes, then the
 * raw little-endian data in C (row-major) order.
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */

/** The element types written: NumPy's `descr` strings, little-endian. */
export const NPY_DTYPES = ['<f4', '<f8', '<i4', '<u4', '|u1'] as const;
export type NpyDtype = (typeof NPY_DTYPES)[number];

/** Typed arrays an `.npy` file can hold here. */
export type NpyArray = Float32Array | Float64Array | Int32Array | Uint32Array | Uint8Array;

/** What a `.npy` header says: the element type, the shape, and where the data starts. */
export interface NpyHeader {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** Byte offset of the first element (a multiple of 64 for files written here). */
  readonly dataOffset: number;
}

export interface NpyDecoded {
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** A copy in a fresh, aligned buffer. */
  readonly data: NpyArray;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const PREAMBLE = MAGIC.length + 2 + 2; // magic, version, header length
/** NumPy aligns the data to 64 bytes so memory-mapped arrays of any element size are aligned. */
export const NPY_ALIGN = 64;
const MAX_HEADER = 0xffff;

/** The `descr` of a typed array. */
export function npyDtypeOf(array: NpyArray): NpyDtype {
  if (array instanceof Float32Array) return '<f4';
  if (array instanceof Float64Array) return '<f8';
  if (array instanceof Int32Array) return '<i4';
  if (array instanceof Uint32Array) return '<u4';
  return '|u1';
}

/**
 * Encodes `data` as a `.npy` file of the given `shape` (default: one dimension). The product of
 * `shape` must equal `data.length`; a `BundleError('config')` says so otherwise.
 */
export function encodeNpy(data: NpyArray, shape: readonly number[] = [data.length]): Uint8Array {
  assertLittleEndian();
  const size = shape.reduce((n, d) => n * d, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || size !== data.length) {
    throw new BundleError(
      'config',
      `encodeNpy: shape (${shape.join(', ')}) does not hold ${data.length} values`,
    );
  }
  const header = headerText(npyDtypeOf(data), shape);
  const out = new Uint8Array(PREAMBLE + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >>> 8;
  for (let i = 0; i < header.length; i++) out[PREAMBLE + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), PREAMBLE + header.length);
  return out;
}

/** The dict literal plus padding and the final newline, so the data starts on a 64-byte boundary. */
function headerText(dtype: NpyDtype, shape: readonly number[]): string {
  // A one-element tuple needs its trailing comma in Python: (5,)
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const unpadded = PREAMBLE + dict.length + 1;
  const padding = (NPY_ALIGN - (unpadded % NPY_ALIGN)) % NPY_ALIGN;
  const text = `${dict}${' '.repeat(padding)}\n`;
  if (text.length > MAX_HEADER) throw new BundleError('config', 'encodeNpy: header longer than 65535 bytes');
  return text;
}

/**
 * Reads the header of a version 1.0 `.npy` file (magic, version, dict) without touching the data:
 * what a reader checks against the manifest's `arrays` entry. Throws `BundleError('bad-artifacts')`
 * naming `file` when the bytes are not such a file, or the dtype is not one of `NPY_DTYPES`.
 */
export function readNpyHeader(bytes: Uint8Array, file = 'npy'): NpyHeader {
  const fail = (what: string): never => {
    throw new BundleError('bad-artifacts', `${file}: ${what}`, { file });
  };
  if (bytes.length < PREAMBLE || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a .npy file');
  if (bytes[6] !== 1 || bytes[7] !== 0) fail(`.npy version ${bytes[6]}.${bytes[7]}, expected 1.0`);
  const headerLength = bytes[8]! | (bytes[9]! << 8);
  const start = PREAMBLE + headerLength;
  if (start > bytes.length) fail('header runs past the end of the file');
  const header = String.fromCharCode(...bytes.subarray(PREAMBLE, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail('unreadable header');
  if (fortran === 'True') fail('Fortran-order arrays are not supported');
  const shape = shapeText!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`bad shape (${shapeText})`);
  if (!(NPY_DTYPES as readonly string[]).includes(descr!)) fail(`dtype ${descr} is not supported`);
  return { dtype: descr as NpyDtype, shape, dataOffset: start };
}

/**
 * Reads a version 1.0 `.npy` file written by `encodeNpy` (or by NumPy with one of the dtypes
 * above, C order). Throws `BundleError('bad-artifacts')` naming `file` on anything else.
 */
export function decodeNpy(bytes: Uint8Array, file = 'npy'): NpyDecoded {
  assertLittleEndian();
  const { dtype, shape, dataOffset: start } = readNpyHeader(bytes, file);
  const length = shape.reduce((n, d) => n * d, 1);
  const width = WIDTH[dtype];
  if (bytes.length - start !== length * width) {
    throw new BundleError(
      'bad-artifacts',
      `${file}: holds ${bytes.length - start} data bytes, shape (${shape.join(', ')}) needs ${length * width}`,
      { file },
    );
  }
  // A copy into a fresh buffer: `bytes` may be a Node Buffer (whose slice is a view of a shared pool).
  const copy = new Uint8Array(bytes.length - start);
  copy.set(bytes.subarray(start));
  return { dtype, shape, data: view(dtype, copy.buffer) };
}

const WIDTH: Readonly<Record<NpyDtype, number>> = { '<f4': 4, '<f8': 8, '<i4': 4, '<u4': 4, '|u1': 1 };

function view(dtype: NpyDtype, buffer: ArrayBuffer): NpyArray {
  switch (dtype) {
    case '<f4':
      return new Float32Array(buffer);
    case '<f8':
      return new Float64Array(buffer);
    case '<i4':
      return new Int32Array(buffer);
    case '<u4':
      return new Uint32Array(buffer);
    case '|u1':
      return new Uint8Array(buffer);
  }
}

function assertLittleEndian(): void {
  // Typed arrays use the platform's byte order and the files say '<' (little-endian).
  if (endianness() !== 'LE') throw new BundleError('config', '.npy files need a little-endian platform');
}
