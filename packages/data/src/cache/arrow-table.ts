import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  float32,
  int32,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  uint8,
  uint32,
  utf8,
} from '@uwdata/flechette';

/** Column kinds of the cache tables. Nullable kinds may hold nulls; the rest never do. */
export type ColumnKind = 'u8' | 'u32' | 'i32' | 'f32' | 'utf8' | 'i32?' | 'utf8?';

type ColumnValue<K extends ColumnKind> = K extends 'u8'
  ? Uint8Array
  : K extends 'u32'
    ? Uint32Array
    : K extends 'i32'
      ? Int32Array
      : K extends 'f32'
        ? Float32Array
        : K extends 'utf8'
          ? readonly string[]
          : K extends 'i32?'
            ? readonly (number | null)[]
            : readonly (string | null)[];

export type TableSchema = Record<string, ColumnKind>;
export type TableColumns<S extends TableSchema> = { [P in keyof S]: ColumnValue<S[P]> };

/** Size and checksum of a written table file, recorded in the manifest and checked on read. */
export interface TableFileInfo {
  readonly bytes: number;
  readonly crc32: number;
}

/** flechette's byte consumer (its `Sink` class is not exported; the shape is what counts). */
type Sink = NonNullable<Parameters<typeof tableToIPC>[1]['sink']>;

const arrowTypes = { u8: uint8, u32: uint32, i32: int32, f32: float32, utf8, 'i32?': int32, 'utf8?': utf8 };

/**
 * Writes columns as one Arrow IPC file, atomically: bytes stream to a temporary file in the same
 * folder (no second in-memory copy of a 320 MB table), which is then renamed into place.
 */
export function writeTable<S extends TableSchema>(
  dir: string,
  name: string,
  schema: S,
  columns: TableColumns<S>,
  tempSuffix: string,
): TableFileInfo {
  const types = Object.fromEntries(
    Object.entries(schema).map(([column, kind]) => [column, arrowTypes[kind]()]),
  );
  // Typed arrays are taken as they are (zero-copy); lists are typed from the schema.
  const arrays = Object.fromEntries(
    Object.keys(schema).map((column) => [column, columns[column] as unknown as unknown[]]),
  );
  const typedOnly = Object.fromEntries(
    Object.entries(types).filter(([column]) => !ArrayBuffer.isView(arrays[column])),
  );
  const table = tableFromArrays(arrays, { types: typedOnly });
  const temp = join(dir, `${name}.${tempSuffix}.tmp`);
  const fd = openSync(temp, 'w');
  let bytes = 0;
  let checksum = 0;
  try {
    const sink: Sink = {
      write(chunk: Uint8Array) {
        writeSync(fd, chunk);
        bytes += chunk.byteLength;
        checksum = crc32(chunk, checksum);
      },
      pad(count: number) {
        this.write(new Uint8Array(count));
      },
      finish: () => null,
    };
    tableToIPC(table, { sink, format: 'file' });
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, join(dir, name));
  return { bytes, crc32: checksum };
}

/**
 * Reads a table written by `writeTable` and checks it before anything is trusted: size and
 * CRC-32 against the manifest, row count, and each column's type. Numeric columns come back as
 * zero-copy views of the file's bytes. Throws an Error saying what is wrong.
 */
export function readTable<S extends TableSchema>(
  dir: string,
  name: string,
  schema: S,
  expected: TableFileInfo,
  rows: number,
): TableColumns<S> {
  let bytes: Uint8Array = readFileSync(join(dir, name));
  if (bytes.byteLength !== expected.bytes) {
    throw new Error(`${name} has ${bytes.byteLength} bytes, the manifest says ${expected.bytes}`);
  }
  if (crc32(bytes) !== expected.crc32) throw new Error(`${name} fails its CRC-32 check`);
  // Zero-copy views need the Arrow buffers 8-byte aligned, which holds when the file is.
  if (bytes.byteOffset % 8 !== 0) bytes = new Uint8Array(bytes);
  const table = tableFromIPC(bytes);
  if (table.numRows !== rows) throw new Error(`${name} has ${table.numRows} rows, expected ${rows}`);
  const out: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(schema)) {
    const child = table.getChild(column) as { toArray(): unknown; nullCount: number } | undefined;
    if (child === undefined) throw new Error(`${name} has no column ${column}`);
    const values = child.toArray();
    if (!hasKind(values, kind, child.nullCount)) throw new Error(`${name}: column ${column} is not ${kind}`);
    out[column] = values;
  }
  return out as TableColumns<S>;
}

function hasKind(values: unknown, kind: ColumnKind, nullCount: number): boolean {
  switch (kind) {
    case 'u8':
      return values instanceof Uint8Array;
    case 'u32':
      return values instanceof Uint32Array;
    case 'i32':
      return values instanceof Int32Array;
    case 'f32':
      return values instanceof Float32Array;
    case 'i32?':
      return values instanceof Int32Array || (Array.isArray(values) && nullCount > 0);
    case 'utf8':
      return Array.isArray(values) && nullCount === 0;
    case 'utf8?':
      return Array.isArray(values);
  }
}
