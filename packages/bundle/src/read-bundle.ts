import { webcrypto } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BundleError } from './errors';
import {
  arrayMismatch,
  type BundleManifest,
  checkManifest,
  checkRelativePath,
  MANIFEST_FILE,
  type ManifestArrayEntry,
} from './manifest';
import { readNpyHeader } from './npy';

/** A bundle whose manifest and every file it holds in memory were verified. */
export interface Bundle {
  /** Absolute path the bundle was opened at (a `--out` symlink or a plain folder). */
  readonly dir: string;
  readonly manifest: BundleManifest;
  /** Verified bytes by bundle path: each file was read once, hashed, and is decoded from these. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export interface ReadBundleOptions {
  /**
   * Which listed files to read and verify (default: all), asked after the manifest is validated.
   * The others stay unread, unverified and unreadable through this `Bundle`.
   */
  readonly include?: (path: string, manifest: BundleManifest) => boolean;
}

/**
 * Opens a bundle: resolves a `--out` symlink once (so a concurrent swap cannot mix versions),
 * validates `manifest.json` against the schema, then reads each included file **once** into
 * memory and checks its size and SHA-256 on that same buffer, and the header of each `.npy` against
 * the dtype and shape the manifest's `arrays` declares for it. Reading and hashing run off the
 * event loop (libuv's pool), so a server reloading a large bundle keeps answering. Throws `BundleError`
 * (`bad-artifacts`, `bad-manifest`, `unsupported-version`) naming the file and field.
 */
export async function readBundle(dir: string, options: ReadBundleOptions = {}): Promise<Bundle> {
  const shown = resolve(dir);
  const root = await realpath(shown).catch((error: NodeJS.ErrnoException) => {
    throw new BundleError('bad-artifacts', `artifacts at ${shown} do not exist (run \`reco train\` first)`, {
      file: shown,
      cause: error,
    });
  });
  const manifestFile = join(shown, MANIFEST_FILE);
  const text = await readFile(join(root, MANIFEST_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'is missing (run `reco train` first)' : error.message;
    throw new BundleError('bad-artifacts', why, { file: manifestFile, cause: error });
  });
  const manifest = checkManifest(parseJson(text, manifestFile), manifestFile);
  const include = options.include ?? (() => true);
  const arrays = declaredArrays(manifest);
  const files = new Map<string, Uint8Array>();
  for (const [path, entry] of Object.entries(manifest.files)) {
    if (!include(path, manifest)) continue;
    const where = join(shown, ...path.split('/'));
    const bytes = await readFile(join(root, ...path.split('/'))).catch((error: unknown) => {
      throw new BundleError('bad-artifacts', 'is listed in the manifest but missing', {
        file: where,
        cause: error,
      });
    });
    if (bytes.byteLength !== entry.bytes) {
      throw new BundleError(
        'bad-artifacts',
        `has ${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or modified)`,
        { file: where, field: `/files/${path}/bytes` },
      );
    }
    if ((await sha256Hex(bytes)) !== entry.sha256) {
      throw new BundleError('bad-artifacts', 'fails its SHA-256 check (modified or corrupt)', {
        file: where,
        field: `/files/${path}/sha256`,
      });
    }
    const array = arrays.get(path);
    if (array !== undefined) checkArrayHeader(array.name, array.entry, bytes, where);
    files.set(path, bytes);
  }
  return { dir: shown, manifest, files };
}

/** `manifest.arrays` by file path. */
function declaredArrays(
  manifest: BundleManifest,
): Map<string, { readonly name: string; readonly entry: ManifestArrayEntry }> {
  return new Map(Object.entries(manifest.arrays ?? {}).map(([name, entry]) => [entry.file, { name, entry }]));
}

/**
 * Refuses a `.npy` whose header disagrees with its `manifest.arrays` entry: `bad-artifacts` with
 * `file` = the `.npy` and `field` = the manifest's `/arrays/<name>/dtype` or `/shape`.
 */
export function checkArrayHeader(
  name: string,
  entry: ManifestArrayEntry,
  bytes: Uint8Array,
  file: string,
): void {
  const mismatch = arrayMismatch(name, entry, readNpyHeader(bytes, file));
  if (mismatch !== null) {
    throw new BundleError('bad-artifacts', mismatch.message, { file, field: mismatch.field });
  }
}

/** Is `path` one of the bundle's files (listed in the manifest)? */
export function hasBundleFile(bundle: Bundle, path: string): boolean {
  return Object.hasOwn(bundle.manifest.files, path);
}

/** Verified bytes of a bundle file. Throws when the manifest does not list it or it was not read. */
export function readBundleBytes(bundle: Bundle, path: string): Uint8Array {
  checkRelativePath(path, join(bundle.dir, MANIFEST_FILE));
  const bytes = bundle.files.get(path);
  if (bytes !== undefined) return bytes;
  if (!hasBundleFile(bundle, path)) {
    throw new BundleError('bad-artifacts', `has no ${path}`, { file: bundle.dir });
  }
  throw new BundleError('config', `${path} was left out by readBundle's include option`, {
    file: bundle.dir,
  });
}

/** A verified bundle file parsed as JSON (from the same bytes that were hashed). */
export function readBundleJson(bundle: Bundle, path: string): unknown {
  return parseBundleJson(bundle, path, readBundleText(bundle, path));
}

/** A verified bundle file as UTF-8 text: the first half of `readBundleJson`, for callers that slice. */
export function readBundleText(bundle: Bundle, path: string): string {
  return new TextDecoder().decode(readBundleBytes(bundle, path));
}

/** Parses the text of bundle file `path`; invalid JSON is a `bad-artifacts` error naming the file. */
export function parseBundleJson(bundle: Bundle, path: string, text: string): unknown {
  return parseJson(text, join(bundle.dir, ...path.split('/')));
}

/**
 * SHA-256 through WebCrypto, which hashes on libuv's thread pool: a synchronous `createHash` over a
 * 20M-rating bundle (~400 MB) would stall every request of a reloading server for about a second.
 */
async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BundleError('bad-artifacts', 'is not valid JSON', { file, cause: error });
  }
}
