import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { maxRatingsPerUser, resolveSynthParams } from './params';

describe('resolveSynthParams', () => {
  it('scales the defaults to the shape of ml-20m', () => {
    // ml-20m: 20,000,263 ratings by 138,493 users on 27,278 movies; genome 10,381 movies x 1,128 tags.
    const p = resolveSynthParams({ ratings: 20_000_263 });
    expect(p).toEqual({
      users: 138_493,
      movies: 27_278,
      ratings: 20_000_263,
      seed: 1,
      genomeTags: 1_128,
      genomeMovies: 10_381,
    });
  });

  it('derives the ratings from the users when only users are given', () => {
    expect(resolveSynthParams({ users: 1000 }).ratings).toBe(Math.round((1000 * 20_000_263) / 138_493));
  });

  it('explains impossible sizes', () => {
    expect(() => resolveSynthParams({ users: 10, ratings: 100 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => resolveSynthParams({ users: 10, ratings: 100_000, movies: 100 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => resolveSynthParams({ ratings: 1.5 })).toThrow(DataError);
  });

  it('grows a default catalog until small datasets fit', () => {
    // 5,000 ratings give 35 users; the sublinear default catalog (188 movies) cannot hold them.
    const p = resolveSynthParams({ ratings: 5000 });
    expect(p.users).toBe(35);
    expect(p.movies).toBeGreaterThan(188);
    expect(p.users * maxRatingsPerUser(p.movies)).toBeGreaterThanOrEqual(5000);
    // A catalog the caller chose is never changed: it fails with the reason instead.
    expect(() => resolveSynthParams({ ratings: 5000, movies: 188 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => resolveSynthParams({ ratings: 1000, genomeMovies: 10_000 })).toThrow(/genomeMovies/);
  });
});
