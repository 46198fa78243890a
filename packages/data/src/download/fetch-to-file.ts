import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { DataError } from '../errors';
import type { OnProgress } from '../types';

export type Fetch = typeof globalThis.fetch;

export interface FetchedFile {
  readonly bytes: number;
  /** MD5 of the bytes written, lowercase hex. */
  readonly md5: string;
}

/**
 * Streams `url` into a new file at `path` (which must not exist), hashing as it goes, and checks
 * that the body is as long as the Content-Length header said. Progress is in bytes; its total is
 * the Content-Length, or `expectedBytes` when the server sends none. The caller owns `path` and
 * deletes it on failure.
 */
export async function fetchToFile(
  url: string,
  path: string,
  options: {
    fetch: Fetch;
    signal?: AbortSignal;
    onProgress?: OnProgress;
    expectedBytes?: number;
    label: string;
  },
): Promise<FetchedFile> {
  const { label, onProgress, signal } = options;
  const response = await request(url, options.fetch, signal, label);
  const header = response.headers.get('content-length');
  const declared = header === null ? undefined : Number(header);
  const total = declared ?? options.expectedBytes ?? 0;
  const hash = createHash('md5');
  const file = await open(path, 'wx');
  let received = 0;
  try {
    if (response.body === null) throw new Error('the response has no body');
    onProgress?.({ stage: 'download', done: 0, total, unit: 'bytes' });
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      await file.write(chunk);
      received += chunk.length;
      onProgress?.({ stage: 'download', done: received, total: Math.max(total, received), unit: 'bytes' });
    }
  } catch (error) {
    if (signal?.aborted) throw error;
    const expected = declared === undefined ? '' : `expected ${declared} bytes, got ${received}: `;
    throw new DataError(
      'download-failed',
      `truncated download of ${label} from ${url}: ${expected}the connection failed (${describe(error)})`,
      { cause: error },
    );
  } finally {
    await file.close();
  }
  if (declared !== undefined && received !== declared) {
    throw new DataError(
      'download-failed',
      `truncated download of ${label} from ${url}: expected ${declared} bytes, got ${received} (the connection closed early)`,
    );
  }
  return { bytes: received, md5: hash.digest('hex') };
}

/** A small text resource, such as GroupLens's `.zip.md5` files. */
export async function fetchText(
  url: string,
  fetch: Fetch,
  signal: AbortSignal | undefined,
  label: string,
): Promise<string> {
  const response = await request(url, fetch, signal, label);
  return response.text();
}

async function request(
  url: string,
  fetch: Fetch,
  signal: AbortSignal | undefined,
  label: string,
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: signal ?? null, redirect: 'follow' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DataError('download-failed', `cannot download ${label} from ${url}: ${describe(error)}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new DataError('download-failed', `cannot download ${label} from ${url}: HTTP ${status}`);
  }
  return response;
}

/** An error message plus its cause's, since fetch reports network failures as "fetch failed". */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return error.message + cause;
}
