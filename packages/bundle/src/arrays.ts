import { BundleError } from './errors';
import { decodeNpy, encodeNpy, type NpyArray, type NpyDecoded, type NpyDtype, npyDtypeOf } from './npy';
import { type Bundle, readBundleBytes, readBundleJson } from './read-bundle';
import type { BundleWriter } from './write-bundle';

/** `arrays/index.json`: every `.npy` array of the bundle by name. */
export const ARRAYS_INDEX = 'arrays/index.json';
export const ARRAYS_FORMAT = 'reco.arrays';
export const ARRAYS_VERSION = 1;

/** One array to write: its values (C order), its shape (default one dimension) and what it is. */
export interface ArrayInput {
  readonly data: NpyArray;
  readonly shape?: readonly number[];
  /** One sentence for a reader of the index: what a row and a column are. */
  readonly description: string;
  /** Names of the last axis (e.g. the feature names of a scaler), when its positions have names. */
  readonly columns?: readonly string[];
}

/** One entry of `arrays/index.json`. */
export interface ArrayIndexEntry {
  /** Bundle path of the `.npy` file, e.g. `arrays/pipeline/user_table.npy`. */
  readonly file: string;
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  readonly description: string;
  readonly columns?: readonly string[];
}

export interface ArrayIndex {
  readonly format: typeof ARRAYS_FORMAT;
  readonly version: typeof ARRAYS_VERSION;
  /** Keyed by array name, e.g. `pipeline/user_table`, `split/train`, `scores/xgb-baseline/val`. */
  readonly arrays: Readonly<Record<string, ArrayIndexEntry>>;
}

/** Array names become file paths: lower-case letters, digits, `_`, `-`, `.`, and `/` between parts. */
const NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** `arrays/<name>.npy`. */
export function arrayPath(name: string): string {
  if (!NAME.test(name) || name.split('/').some((p) => p === '.' || p === '..')) {
    throw new BundleError('config', `array name "${name}" is not a safe path (letters, digits, _ - . and /)`);
  }
  return `arrays/${name}.npy`;
}

/**
 * Writes each array as `arrays/<name>.npy` (NumPy format 1.0) and `arrays/index.json` naming
 * every file, dtype, shape and description. Every file goes through `writer`, so the manifest
 * lists and checksums it like any other. Returns the index written.
 */
export async function writeArrays(
  writer: BundleWriter,
  arrays: Readonly<Record<string, ArrayInput>>,
): Promise<ArrayIndex> {
  const entries: Record<string, ArrayIndexEntry> = {};
  for (const name of Object.keys(arrays).sort()) {
    const { data, shape = [data.length], description, columns } = arrays[name]!;
    const file = arrayPath(name);
    if (columns !== undefined && columns.length !== shape.at(-1)) {
      throw new BundleError(
        'config',
        `writeArrays: ${name} names ${columns.length} columns, its last axis has ${shape.at(-1)}`,
      );
    }
    await writer.write(file, encodeNpy(data, shape));
    entries[name] = {
      file,
      dtype: npyDtypeOf(data),
      shape: [...shape],
      description,
      ...(columns === undefined ? {} : { columns: [...columns] }),
    };
  }
  const index: ArrayIndex = { format: ARRAYS_FORMAT, version: ARRAYS_VERSION, arrays: entries };
  await writer.write(ARRAYS_INDEX, `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

/** The verified `arrays/index.json` of a bundle; `bad-artifacts` when absent or of another format. */
export function readArrayIndex(bundle: Bundle): ArrayIndex {
  const index = readBundleJson(bundle, ARRAYS_INDEX) as Partial<ArrayIndex> | null;
  if (
    index === null ||
    typeof index !== 'object' ||
    index.format !== ARRAYS_FORMAT ||
    index.version !== ARRAYS_VERSION ||
    typeof index.arrays !== 'object' ||
    index.arrays === null
  ) {
    throw new BundleError(
      'bad-artifacts',
      `${ARRAYS_INDEX} is not a ${ARRAYS_FORMAT} v${ARRAYS_VERSION} index`,
      {
        file: ARRAYS_INDEX,
      },
    );
  }
  return index as ArrayIndex;
}

/** One named array, decoded from its verified `.npy` and checked against the index's dtype and shape. */
export function readBundleArray(bundle: Bundle, name: string): NpyDecoded {
  const entry = readArrayIndex(bundle).arrays[name];
  if (entry === undefined) {
    throw new BundleError('bad-artifacts', `${ARRAYS_INDEX} has no array "${name}"`, { file: ARRAYS_INDEX });
  }
  const decoded = decodeNpy(readBundleBytes(bundle, entry.file), entry.file);
  if (decoded.dtype !== entry.dtype || decoded.shape.join(',') !== entry.shape.join(',')) {
    throw new BundleError(
      'bad-artifacts',
      `${entry.file}: holds ${decoded.dtype} (${decoded.shape.join(', ')}), the index says ${entry.dtype} (${entry.shape.join(', ')})`,
      { file: entry.file },
    );
  }
  return decoded;
}
