import { describe, expect, it } from 'vitest';
import { createDataset } from './create-dataset';

describe('createDataset', () => {
  it('maps external ids to dense indices like the loader', () => {
    const dataset = createDataset({
      movies: [
        { movieId: 50, title: 'Usual Suspects, The (1995)', genres: ['Crime'] },
        { movieId: 1, title: 'Toy Story (1995)', genres: ['Animation'] },
      ],
      ratings: { userId: [9, 4, 9], movieId: [1, 50, 50], rating: [4, 5, 3], timestamp: [3, 2, 1] },
    });
    expect([...dataset.users.ids]).toEqual([4, 9]);
    expect([...dataset.movies.ids.ids]).toEqual([1, 50]);
    expect(dataset.movies.movies[1]).toMatchObject({ title: 'Usual Suspects, The', year: 1995 });
    // Rows by (user, movie): user 4 -> movie 50; user 9 -> movie 1, movie 50.
    expect([...dataset.ratings.user]).toEqual([0, 1, 1]);
    expect([...dataset.ratings.movie]).toEqual([1, 0, 1]);
    expect([...dataset.ratings.rating]).toEqual([5, 4, 3]);
  });

  it('rejects a movie that is not in the catalog', () => {
    expect(() =>
      createDataset({
        movies: [{ movieId: 1, title: 'A' }],
        ratings: { userId: [1], movieId: [2], rating: [4] },
      }),
    ).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });
});
