import { join } from 'node:path';
import { type ContentHasher, createHasher, hashFile, loadXxhash } from './content-hash';
import { type CacheKey, type CacheRead, readCacheKey, readDatasetCache } from './dataset-cache';
import { type FileFingerprint, statFile } from './fingerprint';

type Stat = ReturnType<typeof statFile>;

export interface CacheLookup {
  readonly read: CacheRead;
  /** The full key when the files were hashed to check a candidate cache; else built after parsing. */
  readonly key: CacheKey | undefined;
  /** One hasher per file for the parser to feed while it reads (empty when `key` is known). */
  readonly hashers: ReadonlyMap<string, ContentHasher>;
  /** The key from what the parser fed, hashing whatever it did not read whole. */
  finishKey(): Promise<CacheKey>;
}

/**
 * Finds out whether the cache in `cacheDir` may be used. The key holds an xxhash64 of every byte
 * of every source file, so an edit that keeps size and mtime is still caught. When the stored size
 * or mtime already differ (or there is no cache) nothing is hashed up front: the parser feeds the
 * hashers as it reads, so a miss costs no second read of the files it streams. Only when size and
 * mtime match is every file hashed before the cache is trusted; that read is the price of a hit.
 */
export async function lookUpCache(
  cacheDir: string,
  base: Omit<CacheKey, 'files'>,
  dir: string,
  files: readonly string[],
): Promise<CacheLookup> {
  const xx = await loadXxhash();
  const stats = files.map((f) => statFile(dir, f));
  const stored = readCacheKey(cacheDir);
  const candidate =
    stored !== undefined &&
    stored !== 'unreadable' &&
    JSON.stringify({ ...stored, files: stored.files.map(statOf) }) ===
      JSON.stringify({ ...base, files: stats });
  if (candidate) {
    const key: CacheKey = {
      ...base,
      files: stats.map((s) => ({ ...s, xxh64: hashFile(xx, join(dir, s.name)) })),
    };
    return { read: readDatasetCache(cacheDir, key), key, hashers: new Map(), finishKey: async () => key };
  }
  const hashers = new Map(files.map((f) => [f, createHasher(xx)]));
  const finishKey = async (): Promise<CacheKey> => {
    const fingerprints: FileFingerprint[] = stats.map((s) => {
      const fed = hashers.get(s.name)!;
      return { ...s, xxh64: fed.bytes === s.size ? fed.digest() : hashFile(xx, join(dir, s.name)) };
    });
    return { ...base, files: fingerprints };
  };
  const reason =
    stored === undefined
      ? undefined
      : stored === 'unreadable'
        ? 'cache manifest unreadable'
        : 'cache is stale (source files or settings changed)';
  return { read: { hit: false, reason }, key: undefined, hashers, finishKey };
}

function statOf(f: FileFingerprint): Stat {
  return { name: f.name, size: f.size, mtimeMs: f.mtimeMs };
}
