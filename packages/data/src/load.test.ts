import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CANONICAL_GENRES } from './catalog';
import { loadMovieLens } from './load';
import type { Dataset } from './types';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const bundled = fileURLToPath(new URL('../../../datasets/ml-latest-small', import.meta.url));

/** Ratings as `userId/movieId/rating/timestamp` strings in store order, back in external ids. */
function rows(dataset: Dataset): string[] {
  const { ratings, users, movies } = dataset;
  const out: string[] = [];
  for (let i = 0; i < ratings.length; i++) {
    out.push(
      `${users.ids[ratings.user[i]!]}/${movies.ids.ids[ratings.movie[i]!]}/${ratings.rating[i]}/${ratings.timestamp[i]}`,
    );
  }
  return out;
}

function movie(dataset: Dataset, movieId: number) {
  return dataset.movies.movies[dataset.movies.ids.indexOf(movieId)];
}

describe('loadMovieLens: CSV releases', () => {
  it('reads every file of the csv fixture', async () => {
    const dataset = await loadMovieLens(fixture('csv'));
    expect(dataset.layout).toBe('csv');
    expect([...dataset.users.ids]).toEqual([1, 3, 10]);
    expect(rows(dataset)).toEqual([
      '1/1/4/964982703',
      '1/11/3.5/964981247',
      '1/50/5/964982931',
      '3/2/0.5/1306463740',
      '3/29/2.5/1306464166',
      '3/149/4.5/1306464100',
      '10/1/5/1455301678',
      '10/108/1/1455301600',
      '10/300/3/1455301700',
    ]);
    expect([...dataset.ratings.userOffsets]).toEqual([0, 3, 6, 9]);
    expect(dataset.report.files).toEqual([
      'movies.csv',
      'ratings.csv',
      'links.csv',
      'tags.csv',
      'genome-tags.csv',
      'genome-scores.csv',
    ]);
  });

  it('splits titles and years, parses genres and keeps zero-padded imdb ids', async () => {
    const dataset = await loadMovieLens(fixture('csv'));
    expect(movie(dataset, 1)).toEqual({
      movieId: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
      imdbId: '0114709',
      tmdbId: 862,
    });
    // Quoted title with commas, nested parentheses and UTF-8.
    expect(movie(dataset, 29)?.title).toBe('City of Lost Children, The (Cité des enfants perdus, La)');
    // Doubled quotes.
    expect(movie(dataset, 108)).toMatchObject({ title: 'Catwalk "Live"', year: 1996, tmdbId: null });
    // No year, no genres, no links.
    expect(movie(dataset, 149)).toMatchObject({
      title: 'Hyena Road',
      year: null,
      genres: [],
      imdbId: null,
      tmdbId: null,
    });
    // Series years and trailing spaces.
    expect(movie(dataset, 200)).toMatchObject({ title: 'Fawlty Towers', year: 1975 });
    expect(movie(dataset, 300)).toMatchObject({ title: 'Big Bang Theory, The', year: 2007 });
  });

  it('puts canonical genres first and appends extras in order of appearance', async () => {
    const { movies } = await loadMovieLens(fixture('csv'));
    expect(movies.genreNames).toEqual([...CANONICAL_GENRES, 'Sitcom']);
    const bit = (genre: string) => 1 << movies.genreNames.indexOf(genre);
    const mask = (id: number) => movies.genreMask[movies.ids.indexOf(id)];
    expect(mask(200)).toBe(bit('Comedy') | bit('Sitcom'));
    expect(mask(300)).toBe(bit('Comedy') | bit('IMAX'));
    expect(mask(149)).toBe(0);
  });

  it('reads tags with quoted commas and doubled quotes', async () => {
    const { tags, movies } = await loadMovieLens(fixture('csv'));
    expect(tags?.vocabulary).toEqual(['pixar', 'funny, warm', 'twist "ending"']);
    expect([...(tags?.userId ?? [])]).toEqual([2, 2, 7, 2]);
    expect([...(tags?.movie ?? [])].map((m) => movies.ids.ids[m])).toEqual([1, 1, 50, 11]);
    expect([...(tags?.tag ?? [])]).toEqual([0, 1, 2, 0]);
    expect([...(tags?.timestamp ?? [])]).toEqual([1445714994, 1445714996, 1445715000, 1445715010]);
  });

  it('reads the genome as a dense movies x tags matrix', async () => {
    const { genome, movies } = await loadMovieLens(fixture('csv'));
    expect(genome?.tags).toEqual(['007', 'funny', 'dark, gritty']);
    expect([...(genome?.tagIds ?? [])]).toEqual([1, 2, 3]);
    expect([...(genome?.movie ?? [])].map((m) => movies.ids.ids[m])).toEqual([1, 50]);
    const expected = [0.02875, 0.9995, 0.025000000000000022, 0.5, 0.09999999999999998, 1].map(Math.fround);
    expect([...(genome?.relevance ?? [])]).toEqual(expected);
  });

  it.each(['csv-crlf', 'csv-bom', 'csv-no-final-newline'])(
    'reads %s exactly like the plain csv fixture',
    async (name) => {
      const plain = await loadMovieLens(fixture('csv'));
      const variant = await loadMovieLens(fixture(name));
      expect(rows(variant)).toEqual(rows(plain));
      expect(variant.movies.movies).toEqual(plain.movies.movies);
      expect(variant.tags).toEqual(plain.tags);
      expect(variant.genome).toEqual(plain.genome);
    },
  );

  it('reads quoted fields, numbers included', async () => {
    const dataset = await loadMovieLens(fixture('csv-quoted'));
    expect(rows(dataset)).toEqual(['1/1/4/964982703', '1/2/3.5/964982704', '2/3/5/964982705']);
    expect(movie(dataset, 2)?.title).toBe('Say "Hello", World, Again');
    expect(movie(dataset, 3)?.title).toBe('Comma, Inc.');
  });

  it('gives absent fields for absent files and null for empty optional fields', async () => {
    const dataset = await loadMovieLens(fixture('csv-empty-optional'));
    expect(dataset.tags).toBeUndefined();
    expect(dataset.genome).toBeUndefined();
    expect(dataset.demographics).toBeUndefined();
    expect(dataset.movies.movies).toEqual([
      { movieId: 1, title: 'Untitled', year: null, genres: [], imdbId: null, tmdbId: null },
      { movieId: 2, title: 'Another One', year: 2010, genres: [], imdbId: '0123456', tmdbId: null },
      { movieId: 3, title: 'Third', year: 1999, genres: ['Drama'], imdbId: null, tmdbId: 77 },
    ]);
  });

  it('skips optional files on request', async () => {
    const dataset = await loadMovieLens(fixture('csv'), {
      include: { tags: false, genome: false, links: false },
    });
    expect(dataset.tags).toBeUndefined();
    expect(dataset.genome).toBeUndefined();
    expect(movie(dataset, 1)?.imdbId).toBeNull();
    expect(dataset.report.files).toEqual(['movies.csv', 'ratings.csv']);
  });

  it('reports progress stage by stage, each ending with done = total', async () => {
    const events: { stage: string; done: number; total: number }[] = [];
    await loadMovieLens(fixture('csv'), { onProgress: (p) => events.push(p) });
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages).toEqual(['movies', 'ratings', 'index', 'tags', 'genome']);
    for (const stage of stages) {
      const last = events.filter((e) => e.stage === stage).at(-1)!;
      expect(last.done, stage).toBe(last.total);
    }
  });

  it('accepts a folder that holds exactly one release folder', async () => {
    const dataset = await loadMovieLens(fixture('nested'));
    expect(dataset.source).toBe(fixture('nested/ml-mini'));
    expect(rows(dataset)).toEqual(['1/1/4/964982703']);
  });
});

describe('loadMovieLens: :: releases', () => {
  it('reads ml-1m: Latin-1 titles, whole stars, users.dat demographics, unsorted rows', async () => {
    const dataset = await loadMovieLens(fixture('ml-1m'));
    expect(dataset.layout).toBe('dat');
    expect(dataset.report.ratingScale).toEqual({ min: 1, max: 5, step: 1 });
    expect(movie(dataset, 73)).toMatchObject({
      title: 'Misérables, Les',
      year: 1995,
      genres: ['Drama', 'Musical'],
    });
    // "Children's" is normalised.
    expect(movie(dataset, 1)?.genres).toEqual(['Animation', 'Children', 'Comedy']);
    // Users: raters plus users.dat ids (4000 rated nothing), ascending.
    expect([...dataset.users.ids]).toEqual([1, 2, 4000, 6040]);
    expect(rows(dataset)).toEqual([
      '1/1/3/978302109',
      '1/3/4/978301968',
      '1/73/5/978300760',
      '2/3/1/978298413',
      '6040/1/4/956703977',
    ]);
    expect([...dataset.ratings.userOffsets]).toEqual([0, 3, 4, 4, 5]);
    const d = dataset.demographics!;
    expect([...d.gender]).toEqual([2, 1, 2, 1]);
    expect([...d.age]).toEqual([1, 56, 18, 25]);
    expect([...d.occupation].map((o) => d.occupations[o])).toEqual([
      'K-12 student',
      'self-employed',
      'writer',
      'doctor/health care',
    ]);
    expect(d.zipCode).toEqual(['48067', '70072', '02139', '11106']);
  });

  it('reads ml-10m: UTF-8 titles, half stars and tags.dat', async () => {
    const dataset = await loadMovieLens(fixture('ml-10m'));
    expect(dataset.report.ratingScale).toEqual({ min: 0.5, max: 5, step: 0.5 });
    expect(movie(dataset, 5)?.title).toBe('Nausicaä of the Valley of the Wind (Kaze no tani no Naushika)');
    expect(rows(dataset)).toEqual([
      '1/1/5/838985046',
      '1/2/3.5/838983525',
      '2/1/0.5/838983392',
      '2/5/4.5/838983421',
    ]);
    // A tag that holds the separator itself.
    expect(dataset.tags?.vocabulary).toEqual(['excellent!', 'Pixar', 'time::travel']);
    expect(dataset.demographics).toBeUndefined();
  });

  it('reads Latin-1 movies and tags files', async () => {
    const dataset = await loadMovieLens(fixture('ml-10m-latin1'));
    expect(movie(dataset, 1)?.title).toBe('Amélie');
    expect(dataset.tags?.vocabulary).toEqual(['café', 'naïve, sweet']);
  });
});

describe('loadMovieLens: ml-100k', () => {
  it('reads u.data, the Latin-1 u.item with genre flags, and u.user', async () => {
    const dataset = await loadMovieLens(fixture('ml-100k'));
    expect(dataset.layout).toBe('ml-100k');
    expect(movie(dataset, 1)).toEqual({
      movieId: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Animation', 'Children', 'Comedy'],
      imdbId: null,
      tmdbId: null,
    });
    // The imdb id is taken from the URL when it holds one.
    expect(movie(dataset, 2)).toMatchObject({ title: 'Misérables, Les', imdbId: '0113828' });
    // "unknown" is no genre.
    expect(movie(dataset, 267)).toMatchObject({ title: 'unknown', year: null, genres: [] });
    expect(rows(dataset)).toEqual([
      '22/267/1/878887116',
      '186/1/3/891717742',
      '196/1/5/881250950',
      '196/2/3/881250949',
    ]);
    const d = dataset.demographics!;
    expect([...d.age]).toEqual([25, 39, 49]);
    expect([...d.gender]).toEqual([1, 2, 1]);
    expect([...d.occupation].map((o) => d.occupations[o])).toEqual(['writer', 'executive', 'writer']);
  });
});

describe('loadMovieLens: the bundled ml-latest-small', () => {
  it('has 610 users, 9,742 movies, 100,836 ratings over 9,724 movies and 3,683 tags', async () => {
    const dataset = await loadMovieLens(bundled);
    expect(dataset.users.size).toBe(610);
    expect(dataset.movies.ids.size).toBe(9742);
    expect(dataset.ratings.length).toBe(100836);
    expect(dataset.tags?.length).toBe(3683);
    expect(new Set(dataset.ratings.movie).size).toBe(9724);
    expect(dataset.report).toMatchObject({ skippedRows: 0, duplicateRatings: 0, fromCache: false });
  });
});
