import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BundleError } from './errors';
import {
  arrayMismatch,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleFileEntry,
  type BundleManifest,
  checkManifest,
  checkRelativePath,
  isArrayFile,
  MANIFEST_FILE,
  type ManifestBody,
} from './manifest';
import { type NpyHeader, readNpyHeader } from './npy';
import { publishVersion, removeQuietly, removeStale, stagingPrefix } from './swap';

/** Writes files into a bundle being assembled; each write records its size and SHA-256. */
export interface BundleWriter {
  /** Writes `contents` (UTF-8 for strings) at `path`, a relative POSIX path such as `models/xgb.json`. */
  write(path: string, contents: Uint8Array | string): Promise<void>;
}

export interface WriteBundleOptions {
  /** The bundle path to create or replace, e.g. `artifacts` (it becomes a symlink, see README). */
  readonly dir: string;
  /** Writes the files and returns the manifest body; throwing leaves no trace of the new bundle. */
  readonly build: (writer: BundleWriter) => Promise<ManifestBody>;
}

/**
 * Writes a whole bundle so that `dir` is never missing or half-written: files go to a sibling
 * `.<name>.tmp-*` folder, `manifest.json` last (validated by the reader's own schema, and its
 * `arrays` checked against the headers of the `.npy` files written), the folder
 * is renamed to `.<name>.v-*`, and a new symlink is renamed over `dir` (one atomic rename).
 * Stale temporary folders and versions older than the one being replaced are removed first.
 */
export async function writeBundle(options: WriteBundleOptions): Promise<BundleManifest> {
  const dir = resolve(options.dir);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeStale(dir);
  const staging = await mkdtemp(join(parent, stagingPrefix(basename(dir))));
  try {
    // mkdtemp makes the folder private (0700); the bundle is read by other processes (the API).
    await chmod(staging, 0o755);
    const files = new Map<string, BundleFileEntry>();
    const npyHeaders = new Map<string, NpyHeader>();
    const body = await options.build(createWriter(staging, files, npyHeaders));
    const manifest = checkManifest(
      { ...body, format: BUNDLE_FORMAT, version: BUNDLE_VERSION, files: sortedEntries(files) },
      join(dir, MANIFEST_FILE),
    );
    checkWrittenArrays(manifest, npyHeaders);
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await publishVersion(staging, dir);
    return manifest;
  } catch (error) {
    await removeQuietly(staging);
    throw error;
  }
}

function createWriter(
  staging: string,
  files: Map<string, BundleFileEntry>,
  npyHeaders: Map<string, NpyHeader>,
): BundleWriter {
  return {
    async write(path, contents) {
      checkRelativePath(path, 'writeBundle');
      if (files.has(path)) throw new BundleError('config', `writeBundle: ${path} is written twice`);
      const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
      const target = join(staging, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
      files.set(path, { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
      if (isArrayFile(path)) npyHeaders.set(path, readNpyHeader(bytes, path));
    },
  };
}

/**
 * The writer's side of `manifest.arrays`: the body declares every `.npy` written (`writeArrays`'
 * result as `arrays`), with the dtype and shape its header holds. A `config` error otherwise, so
 * a study cannot publish arrays that a reader would refuse.
 */
function checkWrittenArrays(manifest: BundleManifest, npyHeaders: ReadonlyMap<string, NpyHeader>): void {
  if (npyHeaders.size > 0 && manifest.arrays === undefined) {
    const first = [...npyHeaders.keys()][0];
    throw new BundleError(
      'config',
      `writeBundle: ${first} is written but the manifest body has no \`arrays\` (pass writeArrays' result as \`arrays\`)`,
      { field: '/arrays' },
    );
  }
  for (const [name, entry] of Object.entries(manifest.arrays ?? {})) {
    const mismatch = arrayMismatch(name, entry, npyHeaders.get(entry.file)!);
    if (mismatch !== null) {
      throw new BundleError('config', `writeBundle: ${entry.file} ${mismatch.message}`, {
        field: mismatch.field,
      });
    }
  }
}

function sortedEntries(files: Map<string, BundleFileEntry>): Record<string, BundleFileEntry> {
  return Object.fromEntries([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
