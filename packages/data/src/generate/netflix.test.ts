import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../generate';
import { loadMovieLens } from '../load';

const root = mkdtempSync(join(tmpdir(), 'reco-nf-synth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const size = { ratings: 30_000, users: 2_000, movies: 400, seed: 3 } as const;

describe("generate({ layout: 'netflix' })", () => {
  it('writes a folder that loads back with the same counts and values', async () => {
    const out = join(root, 'a');
    const written = await generate({ layout: 'netflix', out, ...size });
    expect(written.files).toEqual([
      'movie_titles.csv',
      'combined_data_1.txt',
      'combined_data_2.txt',
      'combined_data_3.txt',
      'combined_data_4.txt',
      'probe.txt',
    ]);
    const dataset = await loadMovieLens(out);
    expect(dataset.layout).toBe('netflix');
    expect(dataset.ratings.length).toBe(size.ratings);
    expect(dataset.movies.ids.size).toBe(size.movies);
    expect(dataset.users.size).toBeLessThanOrEqual(size.users);
    expect(dataset.predefinedSplit?.test.length).toBe(written.probe);
    expect(written.probe).toBeGreaterThan(0);

    // A sample of lines, parsed by hand, is in the store with the same rating and date.
    const text = readFileSync(join(out, 'combined_data_2.txt'), 'latin1').split('\n');
    const movieId = Number(text[0]!.slice(0, -1));
    for (const line of text.slice(1, 40)) {
      if (line.endsWith(':') || line === '') break;
      const [customer, rating, date] = line.split(',');
      const u = dataset.users.indexOf(Number(customer));
      let found = -1;
      for (let r = dataset.ratings.userOffsets[u]!; r < dataset.ratings.userOffsets[u + 1]!; r++) {
        if (dataset.movies.ids.ids[dataset.ratings.movie[r]!] === movieId) found = r;
      }
      expect(found).toBeGreaterThanOrEqual(0);
      expect(dataset.ratings.rating[found]).toBe(Number(rating));
      expect(dataset.ratings.timestamp[found]).toBe(Date.parse(`${date}T00:00:00Z`) / 1000);
    }
    // Whole stars 1-5 and dates inside 1999-11-11 .. 2005-12-31.
    const ratings = new Set(dataset.ratings.rating);
    expect([...ratings].every((r) => Number.isInteger(r) && r >= 1 && r <= 5)).toBe(true);
    expect(ratings.size).toBe(5);
    const t = dataset.ratings.timestamp;
    expect(Math.min(...t)).toBeGreaterThanOrEqual(Date.parse('1999-11-11') / 1000);
    expect(Math.max(...t)).toBeLessThanOrEqual(Date.parse('2005-12-31') / 1000);
  });

  it('gives byte-identical files for the same seed, different ones for another', async () => {
    await generate({ layout: 'netflix', out: join(root, 'b'), ...size });
    await generate({ layout: 'netflix', out: join(root, 'c'), ...size });
    await generate({ layout: 'netflix', out: join(root, 'd'), ...size, seed: 4 });
    const bytes = (dir: string) => readFileSync(join(root, dir, 'combined_data_1.txt'));
    expect(bytes('b').equals(bytes('c'))).toBe(true);
    expect(bytes('b').equals(bytes('d'))).toBe(false);
  });

  it('rejects sizes that cannot fit', async () => {
    await expect(
      generate({ layout: 'netflix', out: join(root, 'e'), ratings: 10, movies: 100, users: 10 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'bad-option' }));
  });
});
