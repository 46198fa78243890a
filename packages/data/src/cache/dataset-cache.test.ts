import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMovieLens } from '../load';
import type { Dataset } from '../types';

const root = mkdtempSync(join(tmpdir(), 'reco-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A private copy of a fixture, so tests can edit files and caches freely. */
function copyOf(name: string): string {
  const dir = join(root, `${name.replace('/', '-')}-${copies++}`);
  cpSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), dir, { recursive: true });
  return dir;
}

/** Everything but the report, with typed arrays as plain arrays, for deep comparison. */
function content(dataset: Dataset) {
  const { report: _report, ...rest } = dataset;
  return JSON.parse(
    JSON.stringify(rest, (_key, value) =>
      ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value,
    ),
  ) as unknown;
}

describe('the Arrow IPC cache', () => {
  it('round-trips every part of a dataset', async () => {
    for (const name of ['csv', 'ml-1m', 'ml-100k', 'ml-10m', 'csv-empty-optional']) {
      const dir = copyOf(name);
      const parsed = await loadMovieLens(dir, { cache: true });
      expect(parsed.report.fromCache).toBe(false);
      expect(existsSync(join(dir, '.reco-cache', 'manifest.json'))).toBe(true);
      const cached = await loadMovieLens(dir, { cache: true });
      expect(cached.report.fromCache, name).toBe(true);
      expect(content(cached), name).toEqual(content(parsed));
      expect(cached.report.duplicateRatings).toBe(parsed.report.duplicateRatings);
      // A round trip through the cache does not lose the users' index lookup.
      expect(cached.users.indexOf(parsed.users.ids[0]!)).toBe(0);
    }
  });

  it('leaves no temporary files behind', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    expect(readdirSync(join(dir, '.reco-cache')).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('writes to a chosen folder, one subfolder per dataset', async () => {
    const dir = copyOf('csv');
    const cacheRoot = join(root, 'shared-cache');
    await loadMovieLens(dir, { cache: { dir: cacheRoot } });
    const again = await loadMovieLens(dir, { cache: { dir: cacheRoot } });
    expect(again.report.fromCache).toBe(true);
    expect(existsSync(join(dir, '.reco-cache'))).toBe(false);
    expect(readdirSync(cacheRoot)).toHaveLength(1);
  });

  it('is stale when a source file changes, and is rebuilt', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    const ratings = join(dir, 'ratings.csv');
    writeFileSync(ratings, `${readFileSync(ratings, 'utf8')}10,2,4.0,1455301800\n`);
    const reloaded = await loadMovieLens(dir, { cache: true });
    expect(reloaded.report.fromCache).toBe(false);
    expect(reloaded.report.notes[0]).toMatch(/stale/);
    expect(reloaded.ratings.length).toBe(10);
    expect((await loadMovieLens(dir, { cache: true })).report.fromCache).toBe(true);
  });

  it('is stale when only the modification time changes', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    utimesSync(join(dir, 'movies.csv'), new Date(), new Date(2001, 1, 1));
    expect((await loadMovieLens(dir, { cache: true })).report.fromCache).toBe(false);
  });

  it('is not used when a middle byte changes but size and mtime are kept', async () => {
    // Big enough that the first and last MiB (the old sampled key) leave the middle unread.
    const dir = join(root, `middle-${copies++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\n1,A (2000),Drama\n2,B (2001),Comedy\n');
    const rows = Array.from(
      { length: 200_000 },
      (_, i) => `${1 + Math.floor(i / 2)},${1 + (i % 2)},3.0,${1000 + i}`,
    );
    const ratings = join(dir, 'ratings.csv');
    writeFileSync(ratings, `userId,movieId,rating,timestamp\n${rows.join('\n')}\n`);
    const first = await loadMovieLens(dir, { cache: true });
    expect(first.report.fromCache).toBe(false);
    expect((await loadMovieLens(dir, { cache: true })).report.fromCache).toBe(true);

    const bytes = readFileSync(ratings);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const { mtime, atime } = statSync(ratings);
    const middle = bytes.indexOf('3.0', bytes.length >> 1);
    bytes[middle] = '4'.charCodeAt(0); // 3.0 becomes 4.0: same size
    writeFileSync(ratings, bytes);
    utimesSync(ratings, atime, mtime);

    const edited = await loadMovieLens(dir, { cache: true });
    expect(edited.report.fromCache).toBe(false);
    expect(edited.report.notes[0]).toMatch(/stale/);
    let fours = 0;
    for (const r of edited.ratings.rating) if (r === 4) fours++;
    expect(fours).toBe(1);
  });

  it('keeps the Netflix probe split in the cache', async () => {
    const dir = copyOf('netflix-combined');
    const built = await loadMovieLens(dir, { cache: true });
    const cached = await loadMovieLens(dir, { cache: true });
    expect(cached.report.fromCache).toBe(true);
    expect(content(cached)).toEqual(content(built));
    expect(cached.predefinedSplit?.test.length).toBe(2);
  });

  it('is stale when the load settings differ', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    const lighter = await loadMovieLens(dir, { cache: true, include: { genome: false } });
    expect(lighter.report.fromCache).toBe(false);
    expect(lighter.genome).toBeUndefined();
  });

  it('detects a corrupt table (a flipped byte) and rebuilds', async () => {
    const dir = copyOf('csv');
    const parsed = await loadMovieLens(dir, { cache: true });
    const table = join(dir, '.reco-cache', 'ratings.arrow');
    const bytes = readFileSync(table);
    bytes[bytes.length >> 1]! ^= 0xff;
    writeFileSync(table, bytes);
    const reloaded = await loadMovieLens(dir, { cache: true });
    expect(reloaded.report.fromCache).toBe(false);
    expect(reloaded.report.notes[0]).toMatch(/damaged: ratings\.arrow fails its CRC-32 check/);
    expect(content(reloaded)).toEqual(content(parsed));
    expect((await loadMovieLens(dir, { cache: true })).report.fromCache).toBe(true);
  });

  it('detects a truncated table and rebuilds', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    const table = join(dir, '.reco-cache', 'movies.arrow');
    truncateSync(table, readFileSync(table).length - 9);
    const reloaded = await loadMovieLens(dir, { cache: true });
    expect(reloaded.report.fromCache).toBe(false);
    expect(reloaded.report.notes[0]).toMatch(/damaged: movies\.arrow has \d+ bytes/);
  });

  it('detects a missing table and an unreadable manifest', async () => {
    const dir = copyOf('csv');
    await loadMovieLens(dir, { cache: true });
    rmSync(join(dir, '.reco-cache', 'tags.arrow'));
    expect((await loadMovieLens(dir, { cache: true })).report.notes[0]).toMatch(/damaged/);
    writeFileSync(join(dir, '.reco-cache', 'manifest.json'), '{"format": "reco-data-cache", "key": ');
    const reloaded = await loadMovieLens(dir, { cache: true });
    expect(reloaded.report.fromCache).toBe(false);
    expect(reloaded.report.notes[0]).toMatch(/manifest unreadable/);
  });

  it('does not fail the load when the cache cannot be written', async () => {
    const dir = copyOf('csv');
    // A file where the cache folder should be makes every write fail.
    writeFileSync(join(dir, '.reco-cache'), 'in the way');
    const dataset = await loadMovieLens(dir, { cache: true });
    expect(dataset.ratings.length).toBe(9);
    expect(dataset.report.notes.some((n) => n.startsWith('cache not written'))).toBe(true);
  });
});
