import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What identifies a source file's content without reading all of it. */
export interface FileFingerprint {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** SHA-1 of the first and last MiB (the whole file when smaller), plus the size. */
  readonly sample: string;
}

const SAMPLE_BYTES = 1 << 20;

/**
 * Fingerprints a file in a few milliseconds whatever its size: size and mtime catch ordinary
 * edits, the hash of both ends catches a file replaced in place with the same size and time
 * (e.g. copied back from an archive) and a truncated or appended file.
 */
export function fingerprintFile(dir: string, name: string): FileFingerprint {
  const path = join(dir, name);
  const { size, mtimeMs } = statSync(path);
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(SAMPLE_BYTES, size));
    const head = readSync(fd, buffer, 0, buffer.length, 0);
    hash.update(buffer.subarray(0, head));
    if (size > SAMPLE_BYTES) {
      const start = Math.max(SAMPLE_BYTES, size - SAMPLE_BYTES);
      const tail = readSync(fd, buffer, 0, size - start, start);
      hash.update(buffer.subarray(0, tail));
    }
  } finally {
    closeSync(fd);
  }
  hash.update(String(size));
  return { name, size, mtimeMs, sample: hash.digest('hex') };
}
