import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RecommenderError } from '../errors';
import { type BundleManifest, checkManifest, checkRelativePath, MANIFEST_FILE } from './manifest';

/** A bundle whose manifest and every listed file were verified. */
export interface Bundle {
  /** Absolute path of the bundle folder. */
  readonly dir: string;
  readonly manifest: BundleManifest;
}

/**
 * Reads `manifest.json` and verifies the bundle before anything trusts it: the format and
 * version, and the size and SHA-256 of every listed file. Throws `RecommenderError` with code
 * `'bad-artifacts'` naming the file and what is wrong.
 */
export async function readBundle(dir: string): Promise<Bundle> {
  const root = resolve(dir);
  const where = `artifacts at ${root}`;
  const text = await readFile(join(root, MANIFEST_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'has no manifest.json (run `reco train` first)' : error.message;
    throw new RecommenderError('bad-artifacts', `${where} ${why}`, { cause: error });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RecommenderError('bad-artifacts', `${where}: manifest.json is not valid JSON`, {
      cause: error,
    });
  }
  const manifest = checkManifest(parsed, where);
  for (const [path, entry] of Object.entries(manifest.files)) {
    const file = join(root, ...path.split('/'));
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile()) {
      throw new RecommenderError('bad-artifacts', `${where}: ${path} is listed in the manifest but missing`);
    }
    if (info.size !== entry.bytes) {
      throw new RecommenderError(
        'bad-artifacts',
        `${where}: ${path} has ${info.size} bytes, the manifest says ${entry.bytes} (truncated or modified)`,
      );
    }
    const digest = await sha256OfFile(file);
    if (digest !== entry.sha256) {
      throw new RecommenderError(
        'bad-artifacts',
        `${where}: ${path} fails its SHA-256 check (modified or corrupt)`,
      );
    }
  }
  return { dir: root, manifest };
}

/** Bytes of a verified bundle file. Throws when the manifest does not list it. */
export async function readBundleBytes(bundle: Bundle, path: string): Promise<Uint8Array> {
  return readFile(bundleFilePath(bundle, path));
}

/** A verified bundle file parsed as JSON. */
export async function readBundleJson(bundle: Bundle, path: string): Promise<unknown> {
  const text = await readFile(bundleFilePath(bundle, path), 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecommenderError('bad-artifacts', `artifacts at ${bundle.dir}: ${path} is not valid JSON`, {
      cause: error,
    });
  }
}

/** Absolute path of a file the manifest lists. */
export function bundleFilePath(bundle: Bundle, path: string): string {
  checkRelativePath(path, `artifacts at ${bundle.dir}`);
  if (!(path in bundle.manifest.files)) {
    throw new RecommenderError('bad-artifacts', `artifacts at ${bundle.dir} have no ${path}`);
  }
  return join(bundle.dir, ...path.split('/'));
}

/** Streams the file through SHA-256, so verifying a 300 MB ratings file never holds it twice. */
async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
