import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { type DownloadMovieLensOptions, downloadMovieLens } from './download';
import { DataError } from './errors';
import { MOVIELENS_RELEASES, type MovieLensRelease } from './releases';
import type { Progress, ReleaseName } from './types';

/**
 * The downloader against a real HTTP server on 127.0.0.1 that serves zips built here with yazl.
 * Routes are registered per test: a path maps to a handler, so a test can serve a good zip, a
 * 404, a body cut short, flipped bytes or a slow stream.
 */

const RATINGS_CSV = 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n';
const MOVIES_CSV =
  'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,"Grumpier Old Men, The (1995)",Comedy\n';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
const routes = new Map<string, Handler>();
let requests: string[] = [];
let server: Server;
let baseUrl: string;
let work: string;
let dest: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const handler = routes.get(req.url ?? '');
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/movielens/`;
  work = await mkdtemp(join(tmpdir(), 'reco-download-'));
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(work, { recursive: true, force: true });
});

beforeEach(async () => {
  routes.clear();
  requests = [];
  dest = await mkdtemp(join(work, 'dest-'));
});

/** A zip as GroupLens lays them out: one top folder holding the release files. */
async function buildZip(
  folder: string,
  options: { compress?: boolean; extra?: Record<string, string> } = {},
) {
  const zip = new yazl.ZipFile();
  const files: Record<string, string> = {
    'ratings.csv': RATINGS_CSV,
    'movies.csv': MOVIES_CSV,
    ...options.extra,
  };
  zip.addEmptyDirectory(folder);
  for (const [name, text] of Object.entries(files)) {
    zip.addBuffer(Buffer.from(text), `${folder}/${name}`, { compress: options.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** The registry with one release pinned to our test zip (or left unpinned). */
function registry(
  name: ReleaseName,
  pinned: { bytes?: number; md5?: string },
): Record<ReleaseName, MovieLensRelease> {
  return { ...MOVIELENS_RELEASES, [name]: { ...MOVIELENS_RELEASES[name], ...pinned } };
}

function serve(path: string, bytes: Buffer): void {
  routes.set(`/movielens/${path}`, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.length }).end(bytes);
  });
}

async function expectNothingLeft(): Promise<void> {
  expect(await readdir(dest)).toEqual([]);
}

describe('downloadMovieLens', () => {
  it('downloads, verifies and extracts a release into dest/<name>, reporting byte progress', async () => {
    const zip = await buildZip('ml-100k');
    serve('ml-100k.zip', zip);
    const progress: Progress[] = [];
    const result = await downloadMovieLens('ml-100k', dest, {
      baseUrl,
      releases: registry('ml-100k', { bytes: zip.length, md5: md5(zip) }),
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({
      name: 'ml-100k',
      layout: 'ml-100k',
      reused: false,
      bytes: zip.length,
      md5: md5(zip),
    });
    expect(result.dir).toBe(join(dest, 'ml-100k'));
    expect(result.files).toEqual(['movies.csv', 'ratings.csv']);
    expect(await readFile(join(dest, 'ml-100k', 'movies.csv'), 'utf8')).toBe(MOVIES_CSV);
    expect(await readdir(dest)).toEqual(['ml-100k']); // no temp folder or zip left over

    const download = progress.filter((p) => p.stage === 'download');
    expect(download.every((p) => p.unit === 'bytes' && p.total === zip.length)).toBe(true);
    expect(download.at(-1)?.done).toBe(zip.length);
    expect(progress.filter((p) => p.stage === 'extract').at(-1)).toMatchObject({ done: 3, total: 3 });
  });

  it('names ml-10m by its release name, not its zip folder ml-10M100K', async () => {
    const zip = await buildZip('ml-10M100K');
    serve('ml-10m.zip', zip);
    const result = await downloadMovieLens('ml-10m', dest, {
      baseUrl,
      releases: registry('ml-10m', { bytes: zip.length, md5: md5(zip) }),
    });
    expect(result.dir).toBe(join(dest, 'ml-10m'));
    expect(await readdir(dest)).toEqual(['ml-10m']);
    expect(await readFile(join(dest, 'ml-10m', 'ratings.csv'), 'utf8')).toBe(RATINGS_CSV);
  });

  it('verifies unpinned releases against the .zip.md5 file served beside the zip', async () => {
    const zip = await buildZip('ml-latest-small');
    serve('ml-latest-small.zip', zip);
    routes.set('/movielens/ml-latest-small.zip.md5', (_req, res) => {
      res.end(`MD5 (ml-latest-small.zip) = ${md5(zip)}\n`);
    });
    expect(MOVIELENS_RELEASES['ml-latest-small'].md5).toBeUndefined();
    const result = await downloadMovieLens('ml-latest-small', dest, { baseUrl });
    expect(result.md5).toBe(md5(zip));
    expect(requests).toContain('/movielens/ml-latest-small.zip.md5');

    // A published checksum that disagrees with the bytes is a mismatch.
    routes.set('/movielens/ml-latest-small.zip.md5', (_req, res) => {
      res.end(`MD5 (ml-latest-small.zip) = ${'0'.repeat(32)}\n`);
    });
    await expect(downloadMovieLens('ml-latest-small', dest, { baseUrl, force: true })).rejects.toThrow(
      /checksum mismatch/,
    );
    // The failed forced download left the earlier release in place.
    expect(await readdir(dest)).toEqual(['ml-latest-small']);
  });

  it('returns an existing release without touching the network, and replaces it on force', async () => {
    const zip = await buildZip('ml-1m');
    serve('ml-1m.zip', zip);
    const options: DownloadMovieLensOptions = {
      baseUrl,
      releases: registry('ml-1m', { bytes: zip.length, md5: md5(zip) }),
    };
    await downloadMovieLens('ml-1m', dest, options);
    requests = [];
    const again = await downloadMovieLens('ml-1m', dest, options);
    expect(again.reused).toBe(true);
    expect(again.files).toEqual(['movies.csv', 'ratings.csv']);
    expect(requests).toEqual([]);

    await writeFile(join(dest, 'ml-1m', 'stale.txt'), 'old');
    const forced = await downloadMovieLens('ml-1m', dest, { ...options, force: true });
    expect(forced.reused).toBe(false);
    expect(forced.files).toEqual(['movies.csv', 'ratings.csv']);
    expect(await readdir(dest)).toEqual(['ml-1m']);
  });

  it('uses an injected fetch', async () => {
    const zip = await buildZip('ml-1m');
    serve('ml-1m.zip', zip);
    const seen: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      seen.push(String(input));
      return globalThis.fetch(input, init);
    };
    await downloadMovieLens('ml-1m', dest, {
      baseUrl,
      fetch,
      releases: registry('ml-1m', { bytes: zip.length, md5: md5(zip) }),
    });
    expect(seen).toEqual([`${baseUrl}ml-1m.zip`]);
  });
});

describe('downloadMovieLens failures leave nothing behind', () => {
  it('reports an HTTP error status', async () => {
    const error = await downloadMovieLens('ml-20m', dest, { baseUrl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/HTTP 404/);
    expect((error as Error).message).toContain(`${baseUrl}ml-20m.zip`);
    await expectNothingLeft();
  });

  it('reports a truncated download: the server promises more bytes than it sends', async () => {
    const zip = await buildZip('ml-1m');
    routes.set('/movielens/ml-1m.zip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': zip.length });
      res.write(zip.subarray(0, 100), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    const error = await downloadMovieLens('ml-1m', dest, {
      baseUrl,
      releases: registry('ml-1m', { bytes: zip.length, md5: md5(zip) }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const match = new RegExp(`truncated download .*expected ${zip.length} bytes, got (\\d+)`).exec(
      (error as Error).message,
    );
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeLessThanOrEqual(100);
    await expectNothingLeft();
  });

  it('reports a size different from the pinned one', async () => {
    const zip = await buildZip('ml-1m');
    serve('ml-1m.zip', zip);
    await expect(
      downloadMovieLens('ml-1m', dest, {
        baseUrl,
        releases: registry('ml-1m', { bytes: zip.length + 1, md5: md5(zip) }),
      }),
    ).rejects.toThrow(new RegExp(`has ${zip.length} bytes, but GroupLens's ml-1m.zip has ${zip.length + 1}`));
    await expectNothingLeft();
  });

  it('reports a checksum mismatch', async () => {
    const zip = await buildZip('ml-1m');
    serve('ml-1m.zip', zip);
    // With the real registry: our test zip is not GroupLens's ml-1m.zip.
    const releases = registry('ml-1m', { bytes: zip.length });
    const error = await downloadMovieLens('ml-1m', dest, { baseUrl, releases }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain(
      `expected md5 ${MOVIELENS_RELEASES['ml-1m'].md5}, got ${md5(zip)}`,
    );
    await expectNothingLeft();
  });

  it('catches flipped bytes with the zip CRC-32 even when no checksum is known', async () => {
    // Stored (uncompressed) entries: the flipped byte passes inflate and only the CRC can tell.
    const zip = await buildZip('ml-latest', { compress: false });
    const corrupt = Buffer.from(zip);
    const at = corrupt.indexOf('Toy Story');
    corrupt[at] = corrupt[at]! ^ 0xff;
    serve('ml-latest.zip', corrupt);
    routes.set('/movielens/ml-latest.zip.md5', (_req, res) => res.end(`${md5(corrupt)}  ml-latest.zip\n`));
    await expect(downloadMovieLens('ml-latest', dest, { baseUrl })).rejects.toThrow(
      /ml-latest\.zip is corrupt: ml-latest\/movies\.csv fails its CRC-32 check/,
    );
    await expectNothingLeft();
  });

  it('reports bytes that are not a zip at all', async () => {
    const junk = Buffer.from('<html>maintenance</html>');
    serve('ml-1m.zip', junk);
    await expect(
      downloadMovieLens('ml-1m', dest, {
        baseUrl,
        releases: registry('ml-1m', { bytes: junk.length, md5: md5(junk) }),
      }),
    ).rejects.toThrow(/ml-1m\.zip is corrupt or not a zip archive/);
    await expectNothingLeft();
  });

  it('refuses zip entries that would escape the folder (zip slip)', async () => {
    // yazl refuses to write "../" names, so write "aa/" and patch the name bytes afterwards.
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('owned'), 'aa/evil.txt', { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    for (let at = bytes.indexOf('aa/evil.txt'); at >= 0; at = bytes.indexOf('aa/evil.txt', at + 1)) {
      bytes.write('../evil.txt', at, 'latin1');
    }
    serve('ml-1m.zip', bytes);
    const error = await downloadMovieLens('ml-1m', dest, {
      baseUrl,
      releases: registry('ml-1m', { bytes: bytes.length, md5: md5(bytes) }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/ml-1m\.zip .*\.\.\/evil\.txt/);
    await expectNothingLeft();
    expect(await readdir(work)).not.toContain('evil.txt');
  });

  it('cleans up when aborted mid-download', async () => {
    const zip = await buildZip('ml-1m');
    routes.set('/movielens/ml-1m.zip', (_req, res) => {
      res.writeHead(200, { 'content-length': zip.length });
      res.write(zip.subarray(0, 50)); // then stall until the client goes away
    });
    const controller = new AbortController();
    const error = await downloadMovieLens('ml-1m', dest, {
      baseUrl,
      releases: registry('ml-1m', { bytes: zip.length, md5: md5(zip) }),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'download' && p.done > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/aborted; nothing was kept/);
    await expectNothingLeft();
  });

  it('names the known releases for an unknown name', async () => {
    await expect(downloadMovieLens('ml-30m' as ReleaseName, dest)).rejects.toThrow(
      /unknown MovieLens release "ml-30m"; known releases: ml-100k, ml-1m, ml-10m, ml-20m, ml-25m, ml-latest, ml-latest-small/,
    );
  });

  it('reports an unreachable server', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    await expect(downloadMovieLens('ml-1m', dest, { baseUrl: `http://127.0.0.1:${port}/` })).rejects.toThrow(
      /cannot download ml-1m\.zip from http:\/\/127\.0\.0\.1:\d+\/ml-1m\.zip/,
    );
    await expectNothingLeft();
  });
});
