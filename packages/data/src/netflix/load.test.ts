import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { loadMovieLens } from '../load';
import { daysFromCivil } from './kernel';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

describe('Netflix Prize layouts', () => {
  it('loads combined_data_*.txt with movie_titles.csv, probe and qualifying', async () => {
    const dataset = await loadMovieLens(fixture('netflix-combined'));
    expect(dataset.layout).toBe('netflix');
    expect(dataset.ratings.length).toBe(8);
    expect(dataset.users.size).toBe(5);
    expect(dataset.movies.ids.size).toBe(6);
    expect(dataset.report.ratingScale).toEqual({ min: 1, max: 5, step: 1 });
    expect(dataset.report.suggestedLikeThreshold).toBe(4);
    expect(dataset.report.files).toEqual([
      'movie_titles.csv',
      'combined_data_1.txt',
      'combined_data_2.txt',
      'probe.txt',
      'qualifying.txt',
    ]);
    // Customer 1488844 rated movies 1 (3, 2005-09-06), 2 (4) and 3 (1, on a leap day).
    const u = dataset.users.indexOf(1488844);
    const first = dataset.ratings.userOffsets[u]!;
    expect(dataset.ratings.userOffsets[u + 1]! - first).toBe(3);
    const movie = (r: number) => dataset.movies.ids.ids[dataset.ratings.movie[r]!];
    expect([movie(first), movie(first + 1), movie(first + 2)]).toEqual([1, 2, 3]);
    expect(dataset.ratings.rating[first]).toBe(3);
    expect(dataset.ratings.timestamp[first]).toBe(day('2005-09-06'));
    expect(dataset.ratings.timestamp[first + 2]).toBe(day('2004-02-29'));
  });

  it('reads titles as ISO-8859-1, with commas, quotes and NULL years', async () => {
    const { movies } = await loadMovieLens(fixture('netflix-combined'));
    const byId = (id: number) => movies.movies[movies.ids.indexOf(id)]!;
    expect(byId(3).year).toBeNull();
    expect(byId(5).title).toBe('The Rise and Fall of ECW, Part 1');
    expect(byId(4).title).toBe('"Paula Abdul\'s Get Up & Dance"');
    expect(byId(6).title).toBe('Sické');
    expect(byId(1)).toMatchObject({ year: 2003, genres: [] });
  });

  it('exposes probe.txt as the predefined test rows and qualifying.txt as pairs', async () => {
    const dataset = await loadMovieLens(fixture('netflix-combined'));
    const split = dataset.predefinedSplit!;
    expect(split.kind).toBe('netflix-probe');
    const pairs = [...split.test].map((r) => [
      dataset.users.ids[dataset.ratings.user[r]!],
      dataset.movies.ids.ids[dataset.ratings.movie[r]!],
    ]);
    expect(pairs.sort()).toEqual([
      [1488844, 3],
      [822109, 1],
    ]);
    expect(split.qualifying?.length).toBe(2);
    expect([...split.qualifying!.userId]).toEqual([1046323, 822109]);
    expect(split.qualifying!.timestamp[1]).toBe(day('2005-12-31'));
  });

  it('loads the original training_set/ folder the same way', async () => {
    const dataset = await loadMovieLens(fixture('netflix-training'));
    expect(dataset.layout).toBe('netflix');
    expect(dataset.report.files.slice(1)).toEqual([
      'training_set/mv_0000001.txt',
      'training_set/mv_0000002.txt',
      'training_set/mv_0000003.txt',
    ]);
    expect(dataset.ratings.length).toBe(6);
    expect(dataset.predefinedSplit).toBeUndefined();
  });

  it.each([
    ['rating-off-scale', 'combined_data_1.txt', 3, 'rating', 'bad-rating'],
    ['bad-date', 'combined_data_1.txt', 3, 'date', 'bad-timestamp'],
    ['before-block', 'combined_data_1.txt', 1, undefined, 'bad-row'],
    ['unknown-movie', 'combined_data_1.txt', 3, 'movieId', 'unknown-movie'],
    ['probe-unknown', 'probe.txt', 4, 'customerId', 'unknown-rating'],
  ])('%s gives a DataError naming file, line and field', async (name, file, line, field, code) => {
    const error = await loadMovieLens(fixture(`netflix-bad/${name}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ code, file, line, field });
  });

  it("skips bad rows under onInvalidRow: 'skip' and counts them", async () => {
    const dataset = await loadMovieLens(fixture('netflix-bad/unknown-movie'), { onInvalidRow: 'skip' });
    // The unknown block's header and its one rating are both skipped; nothing is misattributed.
    expect(dataset.report.skippedRows).toBe(2);
    expect(dataset.ratings.length).toBe(1);
  });

  it('turns dates into days the way Date does', () => {
    for (const iso of ['1970-01-01', '1999-11-11', '2000-02-29', '2005-12-31', '2100-03-01']) {
      expect(daysFromCivil(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10)) * 86400).toBe(day(iso));
    }
  });
});
