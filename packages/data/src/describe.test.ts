import { describe, expect, it } from 'vitest';
import { createDataset } from './create-dataset';
import { describeDataset } from './describe';

describe('describeDataset', () => {
  it('summarises a small dataset, computed by hand', () => {
    const dataset = createDataset({
      movies: [
        { movieId: 1, title: 'A (2000)' },
        { movieId: 2, title: 'B (2001)' },
        { movieId: 3, title: 'C (2002)' },
      ],
      ratings: {
        userId: [10, 10, 20, 30],
        movieId: [1, 2, 1, 1],
        rating: [4, 3.5, 5, 4],
        timestamp: [86_400, 0, 172_800, 100],
      },
    });
    const summary = describeDataset(dataset);
    expect(summary).toMatchObject({
      users: 3,
      movies: 3,
      ratedMovies: 2,
      ratings: 4,
      meanRating: 4.125, // (4 + 3.5 + 5 + 4) / 4
      dateRange: { from: '1970-01-01T00:00:00.000Z', to: '1970-01-03T00:00:00.000Z' },
      sparsity: 1 - 4 / 9,
      tags: null,
      genome: null,
    });
    const counts = Object.fromEntries(summary.histogram.map((h) => [h.rating, h.count]));
    expect(counts).toEqual({ 0.5: 0, 1: 0, 1.5: 0, 2: 0, 2.5: 0, 3: 0, 3.5: 1, 4: 2, 4.5: 0, 5: 1 });
  });

  it('handles an empty dataset', () => {
    const summary = describeDataset(
      createDataset({
        movies: [{ movieId: 1, title: 'A' }],
        ratings: { userId: [], movieId: [], rating: [] },
      }),
    );
    expect(summary).toMatchObject({ ratings: 0, meanRating: null, dateRange: null, sparsity: 1 });
  });
});
