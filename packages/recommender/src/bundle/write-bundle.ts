import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { RecommenderError } from '../errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  type BundleFileEntry,
  type BundleManifest,
  checkRelativePath,
  MANIFEST_FILE,
  type ManifestBody,
} from './manifest';

/** Writes files into a bundle being assembled; each write records its size and SHA-256. */
export interface BundleWriter {
  /** Writes `contents` (UTF-8 for strings) at `path`, a relative POSIX path such as `models/xgb.json`. */
  write(path: string, contents: Uint8Array | string): Promise<void>;
}

export interface WriteBundleOptions {
  /** The bundle folder to create or replace, e.g. `artifacts`. */
  readonly dir: string;
  /** Writes the files and returns the manifest body; throwing leaves no trace of the new bundle. */
  readonly build: (writer: BundleWriter) => Promise<ManifestBody>;
}

/**
 * Writes a whole bundle atomically. Files go to a temporary sibling folder; `manifest.json` is
 * written last, listing every file with its SHA-256; then a rename makes the folder appear whole.
 * An existing bundle is renamed away first and removed only after the new one is in place. If
 * `build` (or any write) fails, the temporary folder is removed and `dir` is left as it was.
 */
export async function writeBundle(options: WriteBundleOptions): Promise<BundleManifest> {
  const dir = resolve(options.dir);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(dir)}.tmp-`));
  const files = new Map<string, BundleFileEntry>();
  try {
    // mkdtemp makes the folder private (0700); the bundle is read by other processes (the API).
    await chmod(staging, 0o755);
    const writer: BundleWriter = {
      async write(path, contents) {
        checkRelativePath(path, 'writeBundle');
        if (files.has(path)) throw new RecommenderError('config', `writeBundle: ${path} is written twice`);
        const bytes = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
        const target = join(staging, ...path.split('/'));
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, bytes);
        files.set(path, {
          bytes: bytes.byteLength,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        });
      },
    };
    const body = await options.build(writer);
    const sorted = Object.fromEntries([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const manifest: BundleManifest = {
      ...body,
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      files: sorted,
    };
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await swapIntoPlace(staging, dir);
    return manifest;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Renames `staging` to `dir`, moving an existing `dir` aside first and restoring it on failure. */
async function swapIntoPlace(staging: string, dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing === null) {
    await rename(staging, dir);
    return;
  }
  if (!existing.isDirectory()) {
    throw new RecommenderError('config', `cannot write artifacts to ${dir}: it exists and is not a folder`);
  }
  const old = join(dirname(dir), `.${basename(dir)}.old-${randomBytes(4).toString('hex')}`);
  await rename(dir, old);
  try {
    await rename(staging, dir);
  } catch (error) {
    await rename(old, dir);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
