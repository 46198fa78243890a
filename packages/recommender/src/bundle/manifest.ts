import { RecommenderError } from '../errors';

export const BUNDLE_FORMAT = 'reco.artifacts';
export const BUNDLE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** Size and checksum of one bundle file, as listed in the manifest. */
export interface BundleFileEntry {
  readonly bytes: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/**
 * `manifest.json`: what the bundle holds and how it was made. The study fills everything except
 * `format`, `version` and `files`, which `writeBundle` adds; readers ignore unknown keys.
 */
export interface BundleManifest extends ManifestBody {
  readonly format: typeof BUNDLE_FORMAT;
  readonly version: typeof BUNDLE_VERSION;
  /** Every other file of the bundle, by POSIX path relative to the bundle folder. */
  readonly files: Readonly<Record<string, BundleFileEntry>>;
}

/** The study's part of the manifest. Open-ended so later versions can add keys. */
export interface ManifestBody {
  readonly createdAt: string;
  readonly [key: string]: unknown;
}

/** Checks a parsed manifest's shape; throws `RecommenderError('bad-artifacts')` naming what is wrong. */
export function checkManifest(value: unknown, where: string): BundleManifest {
  const bad = (what: string): never => {
    throw new RecommenderError('bad-artifacts', `${where}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    bad('manifest.json is not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.format !== BUNDLE_FORMAT) {
    bad(`manifest.json has format ${JSON.stringify(m.format)}, expected "${BUNDLE_FORMAT}"`);
  }
  if (m.version !== BUNDLE_VERSION) {
    bad(
      `manifest.json has version ${JSON.stringify(m.version)}; this build reads version ${BUNDLE_VERSION} ` +
        '(retrain with `reco train` to rebuild the artifacts)',
    );
  }
  if (typeof m.createdAt !== 'string') bad('manifest.json has no createdAt');
  const files = m.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    bad('manifest.json has no files map');
  for (const [path, entry] of Object.entries(files as Record<string, unknown>)) {
    checkRelativePath(path, where);
    const e = entry as Partial<BundleFileEntry> | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      !Number.isSafeInteger(e.bytes) ||
      typeof e.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(e.sha256)
    ) {
      bad(`manifest.json lists ${path} without a valid { bytes, sha256 } entry`);
    }
  }
  return value as BundleManifest;
}

/**
 * Bundle paths are relative POSIX paths inside the folder: no absolute paths, no `..`, no
 * backslashes, so a tampered manifest cannot point a reader outside the bundle.
 */
export function checkRelativePath(path: string, where: string): void {
  const parts = path.split('/');
  if (
    path === '' ||
    path.startsWith('/') ||
    path.includes('\\') ||
    parts.some((p) => p === '' || p === '.' || p === '..') ||
    path === MANIFEST_FILE
  ) {
    throw new RecommenderError('bad-artifacts', `${where}: "${path}" is not a valid bundle file path`);
  }
}
