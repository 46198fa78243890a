import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadMovieLens } from './load';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

async function loadError(dir: string, options?: Parameters<typeof loadMovieLens>[1]): Promise<DataError> {
  try {
    await loadMovieLens(dir, options);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error(`loading ${dir} did not fail`);
}

describe('bad input gives a DataError naming file, line and field', () => {
  it.each([
    ['rating-not-a-number', 'ratings.csv', 3, 'rating', 'bad-rating'],
    ['rating-off-scale', 'ratings.csv', 3, 'rating', 'bad-rating'],
    ['non-integer-id', 'ratings.csv', 2, 'userId', 'bad-id'],
    ['unknown-movie', 'ratings.csv', 3, 'movieId', 'unknown-movie'],
    ['wrong-header', 'ratings.csv', 1, undefined, 'bad-header'],
    ['wrong-column-count', 'ratings.csv', 3, undefined, 'bad-row'],
    ['truncated-last-line', 'ratings.csv', 3, undefined, 'bad-row'],
    ['movies-bad-id', 'movies.csv', 3, 'movieId', 'bad-id'],
    ['tag-unknown-movie', 'tags.csv', 3, 'movieId', 'unknown-movie'],
  ])('%s', async (name, file, line, field, code) => {
    const error = await loadError(fixture(`bad/${name}`));
    expect(error.code).toBe(code);
    // The message leads with where to look, whatever its wording.
    expect(error.message.startsWith(`${file}:${line}: `)).toBe(true);
    expect(error.file).toBe(file);
    expect(error.line).toBe(line);
    expect(error.field).toBe(field);
  });

  it('an incomplete genome names the missing pair', async () => {
    const error = await loadError(fixture('bad/genome-incomplete'));
    expect(error.code).toBe('incomplete-genome');
    expect(error.file).toBe('genome-scores.csv');
  });

  it('a folder that matches no layout lists the files found and the layouts tried', async () => {
    const error = await loadError(fixture('no-layout'));
    expect(error.code).toBe('no-dataset');
    expect(error.message).toContain('Found: README.txt, ratings.csv');
    expect(error.message).toContain('csv (ratings.csv + movies.csv; missing movies.csv)');
    expect(error.message).toContain('dat (ratings.dat + movies.dat)');
    expect(error.message).toContain('ml-100k (u.data + u.item)');
  });

  it('a quote that is never closed stops the load, whatever the policy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-quote-'));
    try {
      writeFileSync(
        join(dir, 'movies.csv'),
        'movieId,title,genres\n1,"Open (2000),Drama\n2,B (2001),Drama\n',
      );
      writeFileSync(join(dir, 'ratings.csv'), 'userId,movieId,rating,timestamp\n1,1,4,5\n');
      const error = await loadError(dir, { onInvalidRow: 'skip' });
      expect(error.code).toBe('bad-row');
      expect(error.file).toBe('movies.csv');
      expect(error.line).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing folder says so', async () => {
    const error = await loadError(fixture('does-not-exist'));
    expect(error.code).toBe('not-found');
    expect(error.file).toMatch(/does-not-exist$/);
  });
});

describe("onInvalidRow: 'skip'", () => {
  it('drops bad rows, counts them and keeps the reasons', async () => {
    const dataset = await loadMovieLens(fixture('bad/wrong-column-count'), { onInvalidRow: 'skip' });
    expect(dataset.ratings.length).toBe(1);
    expect(dataset.report.skippedRows).toBe(2);
    expect(dataset.report.skippedExamples).toEqual([
      'ratings.csv:3: expected 4 fields (userId, movieId, rating, timestamp), found 3',
      'ratings.csv:4: expected 4 fields (userId, movieId, rating, timestamp), found 5',
    ]);
  });

  it('counts bad rows across files', async () => {
    const dataset = await loadMovieLens(fixture('bad/tag-unknown-movie'), { onInvalidRow: 'skip' });
    expect(dataset.tags?.length).toBe(1);
    expect(dataset.report.skippedRows).toBe(1);
    expect(dataset.report.skippedExamples).toEqual(['tags.csv:3: movieId 42 is not in movies.csv']);
  });

  it('keeps only the first five reasons but counts every row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-skip-'));
    try {
      writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\n1,A (2000),Drama\n');
      const bad = Array.from({ length: 12 }, (_, i) => `1,1,x${i},5`);
      writeFileSync(
        join(dir, 'ratings.csv'),
        ['userId,movieId,rating,timestamp', '1,1,4,5', ...bad].join('\n'),
      );
      const dataset = await loadMovieLens(dir, { onInvalidRow: 'skip' });
      expect(dataset.report.skippedRows).toBe(12);
      expect(dataset.report.skippedExamples).toHaveLength(5);
      expect(dataset.report.skippedExamples[4]).toBe('ratings.csv:7: rating "x4" is not a number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('duplicate (user, movie) ratings', () => {
  it("'latest' (default) keeps the rating with the latest timestamp and counts the rest", async () => {
    // The fixture rates movie 1 twice: 4.0 at ...703 (line 2) and 3.0 at ...704 (line 4).
    const dataset = await loadMovieLens(fixture('bad/duplicate'));
    expect(dataset.report.duplicateRatings).toBe(1);
    expect(dataset.ratings.length).toBe(2);
    expect(dataset.ratings.rating[0]).toBe(3);
    expect(dataset.ratings.timestamp[0]).toBe(964982704);
  });

  it("'latest' takes the later line when timestamps tie", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-dup-'));
    try {
      writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\n1,A (2000),Drama\n2,B (2001),Drama\n');
      writeFileSync(
        join(dir, 'ratings.csv'),
        'userId,movieId,rating,timestamp\n2,2,1.0,10\n1,1,2.0,7\n1,1,4.5,7\n1,1,3.0,6\n',
      );
      const dataset = await loadMovieLens(dir);
      expect([...dataset.ratings.rating]).toEqual([4.5, 1]);
      expect(dataset.report.duplicateRatings).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("'error' names both lines", async () => {
    const error = await loadError(fixture('bad/duplicate'), { duplicates: 'error' });
    expect(error.code).toBe('duplicate-rating');
    expect(error.field).toBe('movieId');
    expect(error.line).toBe(4);
  });
});
