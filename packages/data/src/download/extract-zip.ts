import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { DataError } from '../errors';
import type { OnProgress } from '../types';

/**
 * Extracts every entry of the zip at `zipPath` into the folder `into` (which must exist), checking
 * each file's CRC-32 against the zip's central directory (yauzl leaves that to the caller) and
 * refusing any entry whose path would land outside `into` (zip slip). Progress counts entries.
 * Returns the relative paths of the files written.
 */
export async function extractZip(
  zipPath: string,
  into: string,
  options: { label: string; signal?: AbortSignal; onProgress?: OnProgress },
): Promise<string[]> {
  const { label, signal, onProgress } = options;
  const root = resolve(into);
  let zip: yauzl.ZipFile;
  try {
    // strictFileNames: a backslash in a name is an error, not a separator to reinterpret.
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: true });
  } catch (error) {
    throw corrupt(label, error);
  }
  const files: string[] = [];
  try {
    let done = 0;
    const total = zip.entryCount;
    const entries = zip.eachEntry();
    for (;;) {
      signal?.throwIfAborted();
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await entries.next();
      } catch (error) {
        throw corrupt(label, error);
      }
      if (next.done) break;
      const entry = next.value;
      const target = resolve(root, entry.fileName);
      if (target !== root && !target.startsWith(root + sep)) {
        throw new DataError(
          'bad-archive',
          `${label} holds an unsafe path "${entry.fileName}" that points outside the folder`,
        );
      }
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await extractEntry(zip, entry, target, label, signal);
        files.push(entry.fileName);
      }
      onProgress?.({ stage: 'extract', done: ++done, total, unit: 'files' });
    }
  } finally {
    zip.close();
  }
  return files;
}

async function extractEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  target: string,
  label: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  let crc = 0;
  const checksum = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      callback(null, chunk);
    },
  });
  try {
    const stream = await zip.openReadStreamPromise(entry);
    await pipeline(stream, checksum, createWriteStream(target, { flags: 'wx' }), { signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    if (isFileSystemError(error)) throw error;
    throw corrupt(label, error, entry.fileName);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    throw new DataError('bad-archive', `${label} is corrupt: ${entry.fileName} fails its CRC-32 check`);
  }
}

function corrupt(label: string, error: unknown, entry?: string): DataError {
  const message = error instanceof Error ? error.message : String(error);
  const where = entry === undefined ? '' : ` (in ${entry})`;
  return new DataError('bad-archive', `${label} is corrupt or not a zip archive${where}: ${message}`, {
    cause: error,
  });
}

function isFileSystemError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && code !== 'EOF';
}
