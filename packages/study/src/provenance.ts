import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { Dataset } from '@reco/data';

const RELEASES = new Set(['ml-100k', 'ml-1m', 'ml-10m', 'ml-20m', 'ml-25m', 'ml-latest', 'ml-latest-small']);

/** The GroupLens release a folder holds, told by its name; null for other data (e.g. synthetic). */
export function releaseOf(dir: string): string | null {
  const name = basename(dir);
  return RELEASES.has(name) ? name : null;
}

/**
 * SHA-256 over what the study learns from: every rating column, the user and movie ids. Two
 * folders with the same fingerprint give the same study, however their files were laid out.
 */
export function datasetFingerprint(dataset: Dataset): string {
  const hash = createHash('sha256');
  const { ratings } = dataset;
  for (const column of [
    ratings.user,
    ratings.movie,
    ratings.rating,
    ratings.timestamp,
    dataset.users.ids,
    dataset.movies.ids.ids,
  ]) {
    hash.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  }
  return `sha256:${hash.digest('hex')}`;
}

const PACKAGES = [
  '@reco/core',
  '@reco/data',
  '@reco/features',
  '@reco/models',
  '@reco/eval',
  '@reco/cf-svd',
  '@reco/bundle',
  '@reco/serving',
] as const;

/** Versions of the packages that produced a bundle, read from their package.json files. */
export function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of [...PACKAGES, '@reco/study']) {
    try {
      // Every package exports ./package.json; this package resolves itself by name (self-reference).
      versions[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

/** `@reco/study <version>`: the manifest's `writtenBy`, so a future reader can say who wrote it. */
export function writtenBy(): string {
  return `@reco/study ${packageVersions()['@reco/study']}`;
}
