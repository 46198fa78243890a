import { endianness } from 'node:os';
import { BundleError } from './errors';

/** Typed arrays a column file can hold. */
export type ColumnArray = Uint8Array | Uint32Array | Int32Array | Float32Array;
type ColumnType = 'uint8' | 'uint32' | 'int32' | 'float32';

interface ColumnEntry {
  readonly name: string;
  readonly type: ColumnType;
  /** Byte offset in the `.bin` file (8-byte aligned, so views need no copy). */
  readonly offset: number;
  readonly length: number;
}

/** The `.json` header beside a column `.bin` file. */
export interface ColumnsHeader {
  readonly format: 'reco.columns';
  readonly version: 1;
  readonly byteOrder: 'little-endian';
  readonly columns: readonly ColumnEntry[];
}

const ALIGN = 8;

/**
 * Packs named typed arrays into one little-endian binary blob plus a JSON header, the layout of
 * `data/ratings.bin` and `split/rows.bin`. Raw bytes keep 20M-row columns cheap to write and read.
 */
export function encodeColumns(columns: Readonly<Record<string, ColumnArray>>): {
  header: ColumnsHeader;
  bytes: Uint8Array;
} {
  assertLittleEndian();
  const entries: ColumnEntry[] = [];
  let size = 0;
  for (const [name, array] of Object.entries(columns)) {
    entries.push({ name, type: typeOf(array), offset: size, length: array.length });
    size += Math.ceil(array.byteLength / ALIGN) * ALIGN;
  }
  const bytes = new Uint8Array(size);
  for (const entry of entries) {
    const array = columns[entry.name]!;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), entry.offset);
  }
  return {
    header: { format: 'reco.columns', version: 1, byteOrder: 'little-endian', columns: entries },
    bytes,
  };
}

/** Reads `encodeColumns` output back; the arrays are views of `bytes` (copied once if misaligned). */
export function decodeColumns(header: unknown, bytes: Uint8Array, file: string): Record<string, ColumnArray> {
  assertLittleEndian();
  const h = header as Partial<ColumnsHeader> | null;
  if (h === null || typeof h !== 'object' || h.format !== 'reco.columns' || h.version !== 1) {
    throw new BundleError('bad-artifacts', `${file}: not a reco.columns v1 header`);
  }
  const aligned = bytes.byteOffset % ALIGN === 0 ? bytes : bytes.slice();
  const out: Record<string, ColumnArray> = {};
  for (const c of h.columns ?? []) {
    const width = c.type === 'uint8' ? 1 : 4;
    if (
      !(
        Number.isSafeInteger(c.offset) &&
        Number.isSafeInteger(c.length) &&
        c.offset + c.length * width <= aligned.byteLength
      )
    ) {
      throw new BundleError('bad-artifacts', `${file}: column ${c.name} lies outside the data file`);
    }
    const start = aligned.byteOffset + c.offset;
    switch (c.type) {
      case 'uint8':
        out[c.name] = new Uint8Array(aligned.buffer, start, c.length);
        break;
      case 'uint32':
        out[c.name] = new Uint32Array(aligned.buffer, start, c.length);
        break;
      case 'int32':
        out[c.name] = new Int32Array(aligned.buffer, start, c.length);
        break;
      case 'float32':
        out[c.name] = new Float32Array(aligned.buffer, start, c.length);
        break;
      default:
        throw new BundleError(
          'bad-artifacts',
          `${file}: column ${c.name} has unknown type ${String(c.type)}`,
        );
    }
  }
  return out;
}

/** A named column of the expected type, or a `BundleError('bad-artifacts')` naming the file. */
export function requireColumn<T extends ColumnArray>(
  columns: Record<string, ColumnArray>,
  name: string,
  type: new (length: number) => T,
  file: string,
): T {
  const column = columns[name];
  if (!(column instanceof type)) {
    throw new BundleError('bad-artifacts', `${file}: column ${name} is missing or has the wrong type`);
  }
  return column;
}

function typeOf(array: ColumnArray): ColumnType {
  if (array instanceof Uint8Array) return 'uint8';
  if (array instanceof Uint32Array) return 'uint32';
  if (array instanceof Int32Array) return 'int32';
  return 'float32';
}

function assertLittleEndian(): void {
  // Typed arrays use the platform's byte order; every platform Node supports today is little-endian.
  if (endianness() !== 'LE') {
    throw new BundleError('config', 'artifact column files need a little-endian platform');
  }
}
