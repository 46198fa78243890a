import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TagStore } from '@reco/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecommender } from './load';
import { movieTagsFromJson, topMovieTags } from './movie-tags';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture, writeFixtureBundle } from './test-fixtures';

/** A tag store from (movie, tag) applications. */
function tagStore(applications: readonly [number, string][]): TagStore {
  const vocabulary: string[] = [];
  const index = new Map<string, number>();
  const tag = applications.map(([, name]) => {
    if (!index.has(name)) {
      index.set(name, vocabulary.length);
      vocabulary.push(name);
    }
    return index.get(name)!;
  });
  const n = applications.length;
  return {
    length: n,
    userId: new Int32Array(n).fill(1),
    movie: Uint32Array.from(applications, ([m]) => m),
    tag: Uint32Array.from(tag),
    timestamp: new Uint32Array(n),
    vocabulary,
  };
}

describe('topMovieTags', () => {
  it('keeps the most-applied tags per movie, folding case and spaces, ties by name', () => {
    const tags = tagStore([
      [0, 'space'],
      [0, 'Space '],
      [0, 'aliens'],
      [0, 'ridley scott'],
      [0, 'Aliens'],
      [0, 'atmospheric'],
      [2, 'funny'],
    ]);
    expect(topMovieTags(tags, 3, 3)).toEqual([['aliens', 'space', 'atmospheric'], [], ['funny']]);
  });

  it('gives every movie an empty list without tags', () => {
    expect(topMovieTags(undefined, 2)).toEqual([[], []]);
  });
});

describe('movieTagsFromJson', () => {
  it('refuses a file that does not match the catalog, naming it', () => {
    expect(() => movieTagsFromJson({ movies: [[]] }, 2, 'data/movie-tags.json')).toThrow(
      /data\/movie-tags\.json: holds 1 movies, the catalog 2/,
    );
    expect(() => movieTagsFromJson({ movies: [[1]] }, 1, 'data/movie-tags.json')).toThrow(
      /movies\[0\] must be a list of tag strings/,
    );
  });
});

describe('similar names the tags two movies share', () => {
  let fixture: Fixture;
  const dirs: string[] = [];
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Every Sci-Fi movie tagged "space"; movies 100 and 101 also "robots". */
  function tagged(): string[][] {
    return fixture.dataset.movies.movies.map((movie) => {
      if (!movie.genres.includes('Sci-Fi')) return [];
      return movie.movieId === 100 || movie.movieId === 101 ? ['robots', 'space'] : ['space'];
    });
  }

  it('in the reason, beside the shared genres', () => {
    const recommender = createRecommender({ ...fixture.parts, movieTags: tagged() });
    const items = recommender.similar(100, { n: 5, by: 'content' });
    const sciFi = items.filter((item) => item.genres.includes('Sci-Fi'));
    expect(sciFi.length).toBeGreaterThan(0);
    for (const item of sciFi) expect(item.reason).toMatch(/shares Sci-Fi and the tags? .*"space"/);
    const twin = items.find((item) => item.movieId === 101);
    if (twin !== undefined) expect(twin.reason).toContain('"robots", "space"');
  });

  it('from a bundle, and not at all from a bundle without data/movie-tags.json', async () => {
    const withTags = mkdtempSync(join(tmpdir(), 'reco-tags-'));
    const without = mkdtempSync(join(tmpdir(), 'reco-tags-'));
    dirs.push(withTags, without);
    await writeFixtureBundle(withTags, { ...fixture, parts: { ...fixture.parts, movieTags: tagged() } });
    await writeFixtureBundle(without, fixture);
    const reasons = async (dir: string) =>
      (await loadRecommender(dir)).similar(100, { n: 5, by: 'content' }).map((item) => item.reason);
    expect((await reasons(withTags)).some((r) => r.includes('"space"'))).toBe(true);
    expect((await reasons(without)).some((r) => r.includes('"space"'))).toBe(false);
  });

  it('refuses a bundle whose tag file does not fit its catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-tags-'));
    dirs.push(dir);
    // The writer stores what it is given; the reader checks it against the catalog.
    await writeFixtureBundle(dir, { ...fixture, parts: { ...fixture.parts, movieTags: [['space']] } });
    await expect(loadRecommender(dir)).rejects.toThrow(/movie-tags\.json: holds 1 movies/);
  });
});
