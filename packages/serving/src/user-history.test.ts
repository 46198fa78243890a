import { beforeAll, describe, expect, it } from 'vitest';
import { ServingError } from './errors';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture } from './test-fixtures';
import type { Recommender } from './types';

let fixture: Fixture;
let recommender: Recommender;
/** Every other row of the fixture trains: the history must leave the rest out. */
let halfFixture: Fixture;
let half: Recommender;

beforeAll(async () => {
  fixture = await buildFixture();
  recommender = createRecommender(fixture.parts);
  const all = fixture.dataset.ratings.length;
  const trainRows = Uint32Array.from({ length: Math.ceil(all / 2) }, (_, i) => 2 * i);
  halfFixture = await buildFixture({ trainRows });
  half = createRecommender(halfFixture.parts);
});

interface Row {
  movieId: number;
  rating: number;
  timestamp: number;
  genres: readonly string[];
}

/** A user's rows of `rows`, straight from the dataset (independent of serving). */
function rowsOf(f: Fixture, userId: number): Row[] {
  const { ratings, users, movies } = f.dataset;
  const u = users.indexOf(userId);
  const train = new Set(f.trainRows);
  const out: Row[] = [];
  for (let r = ratings.userOffsets[u]!; r < ratings.userOffsets[u + 1]!; r++) {
    if (!train.has(r)) continue;
    const movie = movies.movies[ratings.movie[r]!]!;
    out.push({
      movieId: movie.movieId,
      rating: ratings.rating[r]!,
      timestamp: ratings.timestamp[r]!,
      genres: movie.genres,
    });
  }
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('userHistory', () => {
  it('counts the training ratings and lists the highest and lowest rated, ties most recent first', () => {
    for (const userId of [1, 2, 17, 60]) {
      const rows = rowsOf(fixture, userId);
      const history = recommender.userHistory(userId, { n: 5 });
      expect(history.userId).toBe(userId);
      expect(history.ratingCount).toBe(rows.length);
      expect(history.meanRating).toBeCloseTo(mean(rows.map((r) => r.rating)), 2);
      const order = (sign: number) =>
        [...rows]
          .sort((a, b) => sign * (b.rating - a.rating) || b.timestamp - a.timestamp || a.movieId - b.movieId)
          .slice(0, 5)
          .map((r) => [r.movieId, r.rating]);
      expect(history.topRated.map((m) => [m.movieId, m.rating])).toEqual(order(1));
      expect(history.lowestRated.map((m) => [m.movieId, m.rating])).toEqual(order(-1));
      expect(history.topRated[0]!.rating).toBe(Math.max(...rows.map((r) => r.rating)));
      expect(history.lowestRated[0]!.rating).toBe(Math.min(...rows.map((r) => r.rating)));
    }
  });

  it('dresses each rated movie with its catalogue fields and the day it was rated', () => {
    const [first] = recommender.userHistory(3, { n: 1 }).topRated;
    const movie = recommender.movie(first!.movieId)!;
    expect(first).toMatchObject({ title: movie.title, year: movie.year, genres: movie.genres });
    expect(first!.date).toBe(new Date(first!.timestamp * 1000).toISOString().slice(0, 10));
  });

  it("gives per-genre counts and means next to everyone's mean in the genre", () => {
    const userId = 4;
    const rows = rowsOf(fixture, userId);
    const history = recommender.userHistory(userId);
    const everyone = Array.from(fixture.dataset.users.ids).flatMap((id) => rowsOf(fixture, id));
    const expected = new Map<string, number[]>();
    for (const r of rows) for (const g of r.genres) expected.set(g, [...(expected.get(g) ?? []), r.rating]);
    expect(new Set(history.genres.map((g) => g.genre))).toEqual(new Set(expected.keys()));
    for (const g of history.genres) {
      const mine = expected.get(g.genre)!;
      expect(g.count).toBe(mine.length);
      expect(g.meanRating).toBeCloseTo(mean(mine), 2);
      const theirs = everyone.filter((r) => r.genres.includes(g.genre)).map((r) => r.rating);
      expect(g.globalMeanRating).toBeCloseTo(mean(theirs), 2);
    }
    for (let j = 1; j < history.genres.length; j++) {
      expect(history.genres[j]!.count).toBeLessThanOrEqual(history.genres[j - 1]!.count);
    }
    expect(history.globalMeanRating).toBeCloseTo(mean(everyone.map((r) => r.rating)), 2);
  });

  it('reads training ratings only', () => {
    const userId = 9;
    const history = half.userHistory(userId, { n: 100 });
    const train = rowsOf(halfFixture, userId);
    expect(history.ratingCount).toBe(train.length);
    expect(history.ratingCount).toBeLessThan(rowsOf(fixture, userId).length);
    expect(new Set(history.topRated.map((m) => m.movieId))).toEqual(new Set(train.map((r) => r.movieId)));
  });

  it("throws 'unknown-user' for an id the model does not know, 'invalid-input' for a bad n", () => {
    expect(() => recommender.userHistory(99_999)).toThrow(
      expect.objectContaining({ code: 'unknown-user', message: expect.stringContaining('99999') }),
    );
    expect(() => recommender.userHistory(1, { n: 0 })).toThrow(ServingError);
    expect(() => recommender.userHistory(1, { n: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});
