import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { detectRelease } from './layout';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'reco-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('detectRelease', () => {
  it('recognises each layout and its optional files', () => {
    expect(detectRelease(fixture('csv'))).toMatchObject({
      layout: 'csv',
      files: {
        ratings: 'ratings.csv',
        movies: 'movies.csv',
        links: 'links.csv',
        tags: 'tags.csv',
        genomeScores: 'genome-scores.csv',
        genomeTags: 'genome-tags.csv',
      },
    });
    expect(detectRelease(fixture('ml-1m')).files).toEqual({
      ratings: 'ratings.dat',
      movies: 'movies.dat',
      users: 'users.dat',
    });
    expect(detectRelease(fixture('ml-10m')).files).toEqual({
      ratings: 'ratings.dat',
      movies: 'movies.dat',
      tags: 'tags.dat',
    });
    expect(detectRelease(fixture('ml-100k'))).toMatchObject({
      layout: 'ml-100k',
      files: { ratings: 'u.data', movies: 'u.item', users: 'u.user' },
    });
  });

  it('looks inside a folder holding exactly one folder, but not two', () => {
    expect(detectRelease(fixture('nested')).dir).toBe(fixture('nested/ml-mini'));
    const two = join(root, 'two');
    for (const name of ['a', 'b']) {
      mkdirSync(join(two, name), { recursive: true });
      writeFileSync(join(two, name, 'ratings.csv'), '');
      writeFileSync(join(two, name, 'movies.csv'), '');
    }
    expect(() => detectRelease(two)).toThrow(/Found: a\/, b\//);
  });

  it('needs both genome files', () => {
    const dir = join(root, 'half-genome');
    mkdirSync(dir);
    for (const f of ['ratings.csv', 'movies.csv', 'genome-scores.csv']) writeFileSync(join(dir, f), '');
    expect(() => detectRelease(dir)).toThrow(expect.objectContaining({ code: 'missing-file' }));
  });
});
