import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HALF_STARS } from './fields';
import { parseRatingsRange, type RatingsFormat } from './ratings-range';

const dir = mkdtempSync(join(tmpdir(), 'reco-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Small seeded PRNG for test data (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const movieTable = Int32Array.from({ length: 1000 }, (_, id) => (id % 7 === 0 ? -1 : id * 2));
const format: RatingsFormat = { delimiter: ',', scale: HALF_STARS, movieTable, catalogFile: 'movies.csv' };

/**
 * Random rating lines in the many spellings the parser must accept, with the expected values
 * computed independently (from the numbers that generated them, not by parsing the text).
 */
function generate(seed: number, lines: number) {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const expected: { userId: number; movie: number; rating: number; timestamp: number }[] = [];
  let text = '';
  for (let i = 0; i < lines; i++) {
    const userId = Math.floor(random() * 2_000_000_000);
    let movieId = 1 + Math.floor(random() * 998);
    if (movieId % 7 === 0) movieId++;
    const rating = (1 + Math.floor(random() * 10)) / 2;
    const timestamp = Math.floor(random() * 4294967295);
    const ratingText = pick([
      rating.toFixed(1),
      String(rating),
      `"${rating}"`,
      `+${rating}`,
      rating.toFixed(2),
    ]);
    const userText = pick([String(userId), `"${userId}"`, String(userId).padStart(11, '0')]);
    const end = pick(['\n', '\r\n']);
    text += `${userText},${movieId},${ratingText},${timestamp}${end}`;
    if (random() < 0.05) text += pick(['\n', '\r\n']);
    expected.push({ userId, movie: movieId * 2, rating, timestamp });
  }
  return { text, expected };
}

function parseText(text: string, chunkBytes?: number) {
  const path = join(dir, `r-${chunkBytes ?? 0}-${text.length}.csv`);
  writeFileSync(path, text);
  const bytes = Buffer.byteLength(text);
  return parseRatingsRange({
    path,
    start: 0,
    end: bytes,
    format,
    onInvalidRow: 'error',
    keepProblems: 5,
    ...(chunkBytes === undefined ? {} : { chunkBytes }),
  });
}

describe('parseRatingsRange', () => {
  const { text, expected } = generate(7, 3000);

  it.each([undefined, 5, 17, 64, 1000])(
    'parses every spelling, whatever the chunk size (%s)',
    (chunkBytes) => {
      const result = parseText(text, chunkBytes);
      expect(result.error).toBeUndefined();
      const { raw } = result;
      expect(raw.length).toBe(expected.length);
      for (let i = 0; i < expected.length; i++) {
        const e = expected[i]!;
        if (
          raw.userId[i] !== e.userId ||
          raw.movie[i] !== e.movie ||
          raw.rating[i] !== e.rating ||
          raw.timestamp[i] !== e.timestamp
        ) {
          expect({
            i,
            userId: raw.userId[i],
            movie: raw.movie[i],
            rating: raw.rating[i],
            timestamp: raw.timestamp[i],
          }).toEqual({ i, ...e });
        }
      }
    },
  );

  it('reads a last line without a line break', () => {
    const result = parseText('1,1,4.0,100\n2,2,3.5,200');
    expect([...result.raw.userId.subarray(0, result.raw.length)]).toEqual([1, 2]);
    expect([...result.raw.rating.subarray(0, result.raw.length)]).toEqual([4, 3.5]);
    expect(result.lines).toBe(2);
  });

  it('stops at the first bad row with its line number and field', () => {
    const result = parseText('1,1,4.0,100\n\n1,2,4.0,100\n1,7,4.0,100\n1,3,nope,100\n');
    // Line 4 is the first bad one: movie 7 is not in the table.
    expect(result.error).toMatchObject({ line: 4, field: 'movieId', code: 'unknown-movie' });
  });

  it('rejects values the fast path might let through', () => {
    const cases: [string, string][] = [
      ['1,1,4.25,100', 'rating "4.25" is not a multiple of 0.5'],
      ['1,1,0,100', 'rating "0" is outside the scale 0.5-5'],
      ['1,1,5.5,100', 'rating "5.5" is outside the scale 0.5-5'],
      ['1,1,,100', 'rating is empty'],
      ['-1,1,4,100', 'userId "-1" is negative'],
      ['3000000000,1,4,100', 'userId "3000000000" is too large (max 2147483647)'],
      ['1,1,4,4294967296', 'timestamp "4294967296" is too large (max 4294967295)'],
      ['1,1,4,1.5', 'timestamp "1.5" is not an integer'],
      ['1,1,4,100,', 'expected 4 fields (userId, movieId, rating, timestamp), found 5'],
      ['1;1;4;100', 'expected 4 fields (userId, movieId, rating, timestamp), found 1'],
    ];
    for (const [line, message] of cases) {
      const result = parseText(`${line}\n`);
      expect(result.error?.message, line).toBe(message);
    }
  });

  it('accepts numbers in exponent form when they are valid', () => {
    const result = parseText('1,1,4.5e0,1e3\n');
    expect(result.error).toBeUndefined();
    expect(result.raw.rating[0]).toBe(4.5);
    expect(result.raw.timestamp[0]).toBe(1000);
  });

  it("under 'skip' keeps going, counts and keeps the first problems", () => {
    const path = join(dir, 'skip.csv');
    writeFileSync(path, '1,1,4,1\nx,1,4,1\n2,1,4,1\n1,7,4,1\n3,1,4,1\n');
    const result = parseRatingsRange({
      path,
      start: 0,
      end: 40,
      format,
      onInvalidRow: 'skip',
      keepProblems: 1,
    });
    expect([...result.raw.userId.subarray(0, result.raw.length)]).toEqual([1, 2, 3]);
    expect(result.skipped).toBe(2);
    expect(result.problems).toMatchObject([{ line: 2, field: 'userId', code: 'bad-id' }]);
  });
});
