import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMovieLens } from '../load';
import type { Dataset } from '../types';
import { HALF_STARS } from './fields';
import { parseRatingsFile, type RatingsFileOptions } from './ratings-file';
import type { RawRatings } from './raw-ratings';

const dir = mkdtempSync(join(tmpdir(), 'reco-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const movieTable = Int32Array.from({ length: 500 }, (_, id) => (id === 13 ? -1 : id));
const options = (workers: number, onInvalidRow: 'error' | 'skip' = 'error'): RatingsFileOptions => ({
  dataStart: 32,
  linesBefore: 1,
  workers,
  format: { delimiter: ',', scale: HALF_STARS, movieTable, catalogFile: 'movies.csv' },
  onInvalidRow,
  keepProblems: 5,
});

const HEADER = 'userId,movieId,rating,timestamp\n';

/** A ratings file with plain lines, odd-but-valid lines and CRLF, from a simple LCG. */
function writeRatings(name: string, lines: number, bad: Record<number, string> = {}): string {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const body: string[] = [];
  for (let i = 0; i < lines; i++) {
    const movie = (next() % 499) + 1;
    const user = (next() % 900) + 1;
    const movieText = movie === 13 ? '14' : String(movie);
    // Every 97th line quotes its movieId: valid CSV that the byte kernel hands to the careful path.
    const fields = [user, i % 97 === 0 ? `"${movieText}"` : movieText, ((next() % 10) + 1) / 2, next()];
    body.push(bad[i + 2] ?? fields.join(','));
  }
  const path = join(dir, name);
  writeFileSync(path, HEADER + body.map((l, i) => (i % 5 === 0 ? `${l}\r\n` : `${l}\n`)).join(''));
  return path;
}

function bytesOf(raw: RawRatings): Buffer[] {
  return [raw.userId, raw.movie, raw.rating, raw.timestamp].map((c) =>
    Buffer.from(c.buffer, c.byteOffset, raw.length * 4),
  );
}

describe('parseRatingsFile on worker threads', () => {
  const path = writeRatings('ratings.csv', 20_000);

  it('gives byte-identical columns on 1 and 2 threads, even when a range outgrows its estimate', async () => {
    // Long lines first (the first range's estimate samples them), then many short plain ones and
    // the mixed lines of writeRatings: the first region overflows and its rows are merged back.
    const long = Array.from({ length: 4000 }, (_, i) => `"${i + 1}","1","4.0","1000000000"`);
    const short = Array.from({ length: 40_000 }, (_, i) => `${(i % 9) + 1},2,3,5`);
    const mixed = readFileSync(path, 'utf8').slice(HEADER.length);
    const skewed = join(dir, 'skewed.csv');
    writeFileSync(skewed, `${HEADER + [...long, ...short].join('\n')}\n${mixed}`);
    const one = await parseRatingsFile(skewed, options(1));
    expect(one.raw.length).toBe(64_000);
    const two = await parseRatingsFile(skewed, options(2));
    expect(two.note).toBeUndefined();
    expect(two.workers).toBe(2);
    expect(two.lines).toBe(one.lines);
    expect(bytesOf(two.raw)).toEqual(bytesOf(one.raw));
  });

  it('reports the first bad line with its line number in the file, wherever it falls', async () => {
    const bad = writeRatings('bad.csv', 20_000, { 15003: '5,13,4.0,1', 18000: 'x,1,1,1' });
    const one = await parseRatingsFile(bad, options(1));
    const two = await parseRatingsFile(bad, options(2));
    expect(one.error).toMatchObject({ line: 15_003, field: 'movieId', code: 'unknown-movie' });
    expect(two.error).toEqual(one.error);
  });

  it("under 'skip' counts and orders problems across ranges", async () => {
    const bad = writeRatings('skip.csv', 20_000, { 3: '1,1,9,1', 19000: '1,1,x,1' });
    const one = await parseRatingsFile(bad, options(1, 'skip'));
    const two = await parseRatingsFile(bad, options(2, 'skip'));
    expect(one.skipped).toBe(2);
    expect(one.problems.map((p) => p.line)).toEqual([3, 19_000]);
    expect(two.skipped).toBe(2);
    expect(two.problems).toEqual(one.problems);
    expect(bytesOf(two.raw)).toEqual(bytesOf(one.raw));
  });
});

/** The store's columns as bytes, for byte-for-byte comparison. */
function storeBytes(dataset: Pick<Dataset, 'ratings'>): Buffer[] {
  const { user, movie, rating, timestamp, userOffsets } = dataset.ratings;
  return [user, movie, rating, timestamp, userOffsets].map((c) =>
    Buffer.from(c.buffer, c.byteOffset, c.byteLength),
  );
}

const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe.runIf(existsSync(built))('the built package (dist/)', () => {
  it('loads with workers from dist/ratings-worker.js, byte-identical to one thread', async () => {
    const dist = (await import(/* @vite-ignore */ built)) as { loadMovieLens: typeof loadMovieLens };
    mkdirSync(join(dir, 'release'), { recursive: true });
    const path = writeRatings('release/ratings.csv', 20_000);
    writeFileSync(
      join(dir, 'release/movies.csv'),
      `movieId,title,genres\n${Array.from({ length: 499 }, (_, i) => `${i + 1},M${i + 1} (2000),Drama`).join('\n')}\n`,
    );
    expect(existsSync(path)).toBe(true);
    const parallel = await dist.loadMovieLens(join(dir, 'release'), { workers: 2 });
    const single = await loadMovieLens(join(dir, 'release'), { workers: 1 });
    expect(parallel.report.workers).toBe(2);
    expect(parallel.report.notes).toEqual([]);
    expect(storeBytes(parallel)).toEqual(storeBytes(single));
  });
});
