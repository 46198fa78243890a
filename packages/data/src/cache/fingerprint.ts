import { statSync } from 'node:fs';
import { join } from 'node:path';

/** What identifies a source file's content: its size, mtime and a hash of every byte. */
export interface FileFingerprint {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** xxhash64 (hex) of the whole file. */
  readonly xxh64: string;
}

/** Size and mtime: if either differs from the cache's, the cache is stale without reading a byte. */
export function statFile(dir: string, name: string): { name: string; size: number; mtimeMs: number } {
  const { size, mtimeMs } = statSync(join(dir, name));
  return { name, size, mtimeMs };
}
