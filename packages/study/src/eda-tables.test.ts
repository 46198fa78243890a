import { createRawRng } from '@reco/core';
import { createDataset, type Dataset } from '@reco/data';
import { describe, expect, it } from 'vitest';
import { genreStats, ratingsByMonth } from './eda-tables';

const DAY = 86_400;
const JAN_2000 = 946_684_800;

/** The plain per-row oracle: one Date per rating, one genre test per genre. */
function oracleByMonth(dataset: Dataset) {
  const groups = new Map<string, { count: number; sum: number }>();
  const { rating, timestamp } = dataset.ratings;
  for (let i = 0; i < rating.length; i++) {
    const month = new Date(timestamp[i]! * 1000).toISOString().slice(0, 7);
    const g = groups.get(month) ?? { count: 0, sum: 0 };
    g.count++;
    g.sum += rating[i]!;
    groups.set(month, g);
  }
  return [...groups]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([month, g]) => ({ month, count: g.count, meanRating: g.sum / g.count }));
}

function oracleGenres(dataset: Dataset) {
  const { movies, ratings } = dataset;
  return movies.genreNames
    .map((genre) => {
      const has = (m: number) => movies.movies[m]!.genres.includes(genre);
      let count = 0;
      let sum = 0;
      for (let i = 0; i < ratings.length; i++) {
        if (!has(ratings.movie[i]!)) continue;
        count++;
        sum += ratings.rating[i]!;
      }
      const withGenre = movies.movies.filter((_, m) => has(m)).length;
      return { genre, movies: withGenre, ratings: count, meanRating: count > 0 ? sum / count : null };
    })
    .sort((a, b) => b.ratings - a.ratings || a.genre.localeCompare(b.genre));
}

/** Half-star ratings over three years, 40 movies with 0 to 3 genres; some movies never rated. */
function randomDataset(seed: number, n: number): Dataset {
  const rng = createRawRng(seed);
  const pool = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi'];
  const movies = Array.from({ length: 40 }, (_, m) => ({
    movieId: m + 1,
    title: `Movie ${m + 1} (2000)`,
    genres: pool.filter(() => rng.nextFloat() < 0.3),
  }));
  const ratings = {
    userId: [] as number[],
    movieId: [] as number[],
    rating: [] as number[],
    timestamp: [] as number[],
  };
  for (let i = 0; i < n; i++) {
    ratings.userId.push(1 + Math.floor(rng.nextFloat() * 30));
    ratings.movieId.push(1 + Math.floor(rng.nextFloat() * 30)); // movies 31..40 stay unrated
    ratings.rating.push((1 + Math.floor(rng.nextFloat() * 10)) / 2);
    ratings.timestamp.push(JAN_2000 + Math.floor(rng.nextFloat() * 3 * 365 * DAY));
  }
  return createDataset({ movies, ratings, duplicates: 'latest' });
}

describe('ratingsByMonth', () => {
  it('matches the per-row oracle on random data', () => {
    const dataset = randomDataset(3, 2_000);
    expect(ratingsByMonth(dataset)).toEqual(oracleByMonth(dataset));
  });

  it('puts the last second of a month in that month and the next second in the next', () => {
    const feb = Date.UTC(2000, 1, 1) / 1000;
    const dataset = createDataset({
      movies: [{ movieId: 1, title: 'A (2000)', genres: ['Drama'] }],
      ratings: {
        userId: [1, 2, 3],
        movieId: [1, 1, 1],
        rating: [4, 2, 5],
        timestamp: [feb - 1, feb, JAN_2000],
      },
    });
    expect(ratingsByMonth(dataset)).toEqual([
      { month: '2000-01', count: 2, meanRating: 4.5 },
      { month: '2000-02', count: 1, meanRating: 2 },
    ]);
  });

  it('is empty without ratings', () => {
    const dataset = createDataset({
      movies: [{ movieId: 1, title: 'A (2000)', genres: ['Drama'] }],
      ratings: { userId: [], movieId: [], rating: [], timestamp: [] },
    });
    expect(ratingsByMonth(dataset)).toEqual([]);
  });
});

describe('genreStats', () => {
  it('matches the per-row oracle on random data, every catalogue genre listed', () => {
    const dataset = randomDataset(5, 2_000);
    const stats = genreStats(dataset);
    expect(stats).toEqual(oracleGenres(dataset));
    expect(stats.map((s) => s.genre).sort()).toEqual([...dataset.movies.genreNames].sort());
  });

  it('gives a genre whose movies are unrated zero ratings and a null mean', () => {
    const dataset = createDataset({
      movies: [
        { movieId: 1, title: 'A (2000)', genres: ['Drama'] },
        { movieId: 2, title: 'B (2000)', genres: ['Horror', 'Drama'] },
        { movieId: 3, title: 'C (2000)', genres: [] },
      ],
      ratings: {
        userId: [1, 2, 2],
        movieId: [1, 1, 3],
        rating: [4, 3, 5],
        timestamp: [JAN_2000, JAN_2000, JAN_2000],
      },
    });
    const stats = genreStats(dataset);
    expect(stats[0]).toEqual({ genre: 'Drama', movies: 2, ratings: 2, meanRating: 3.5 });
    expect(stats.find((s) => s.genre === 'Horror')).toEqual({
      genre: 'Horror',
      movies: 1,
      ratings: 0,
      meanRating: null,
    });
  });
});
