import { closeSync, openSync, readSync } from 'node:fs';
import xxhash from 'xxhash-wasm';

/** A streaming xxhash64 of a file's bytes, fed in order. */
export interface ContentHasher {
  update(bytes: Uint8Array): void;
  /** Bytes fed so far: equal to the file size when the parser saw the whole file. */
  readonly bytes: number;
  /** 16 hex digits. */
  digest(): string;
}

type XXHashApi = Awaited<ReturnType<typeof xxhash>>;
let api: Promise<XXHashApi> | undefined;

/** The WebAssembly xxhash, instantiated once per thread (a few ms). */
export function loadXxhash(): Promise<XXHashApi> {
  api ??= xxhash();
  return api;
}

export function createHasher(hash: XXHashApi): ContentHasher {
  const state = hash.create64();
  let fed = 0;
  return {
    update: (bytes) => {
      state.update(bytes);
      fed += bytes.length;
    },
    get bytes() {
      return fed;
    },
    digest: () => state.digest().toString(16).padStart(16, '0'),
  };
}

const READ_BYTES = 4 << 20;

/** xxhash64 of a whole file, read in 4 MiB pieces (the cost of a cache hit: one read of every source file). */
export function hashFile(hash: XXHashApi, path: string): string {
  const hasher = createHasher(hash);
  const buffer = Buffer.allocUnsafe(READ_BYTES);
  const fd = openSync(path, 'r');
  try {
    for (let position = 0; ; ) {
      const got = readSync(fd, buffer, 0, READ_BYTES, position);
      if (got === 0) break;
      hasher.update(buffer.subarray(0, got));
      position += got;
    }
  } finally {
    closeSync(fd);
  }
  return hasher.digest();
}
