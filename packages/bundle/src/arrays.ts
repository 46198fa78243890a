import { join } from 'node:path';
import { BundleError } from './errors';
import { MANIFEST_FILE, type ManifestArrayEntry, type ManifestArrays } from './manifest';
import { decodeNpy, encodeNpy, type NpyArray, type NpyDecoded, npyDtypeOf } from './npy';
import { type Bundle, checkArrayHeader, readBundleBytes } from './read-bundle';
import type { BundleWriter } from './write-bundle';

/** One array to write: its values (C order), its shape (default one dimension) and what it is. */
export interface ArrayInput {
  readonly data: NpyArray;
  readonly shape?: readonly number[];
  /** One sentence for a reader of the manifest: what a row and a column are. */
  readonly description: string;
  /** Names of the last axis (e.g. the feature names of a scaler), when its positions have names. */
  readonly columns?: readonly string[];
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
 * Writes each array as `arrays/<name>.npy` (NumPy format 1.0) through `writer`, so the manifest
 * lists and checksums it like any other file, and returns the `manifest.arrays` section naming each
 * file's dtype, shape, description and columns: put it in the manifest body as `arrays`
 * (`writeBundle` refuses a bundle whose `.npy` files it does not declare).
 */
export async function writeArrays(
  writer: BundleWriter,
  arrays: Readonly<Record<string, ArrayInput>>,
): Promise<ManifestArrays> {
  const entries: Record<string, ManifestArrayEntry> = {};
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
  return entries;
}

/**
 * One named array, decoded from its verified `.npy` and checked against the dtype and shape that
 * `manifest.arrays` declares. `bad-artifacts` when the manifest declares no such array.
 */
export function readBundleArray(bundle: Bundle, name: string): NpyDecoded {
  const entry = bundle.manifest.arrays?.[name];
  if (entry === undefined) {
    const why =
      bundle.manifest.arrays === undefined
        ? 'declares no arrays (written before `arrays` was part of the manifest: rerun `reco train`)'
        : `declares no array "${name}" in /arrays`;
    throw new BundleError('bad-artifacts', why, { file: join(bundle.dir, MANIFEST_FILE), field: '/arrays' });
  }
  const bytes = readBundleBytes(bundle, entry.file);
  const file = join(bundle.dir, ...entry.file.split('/'));
  checkArrayHeader(name, entry, bytes, file);
  return decodeNpy(bytes, file);
}
