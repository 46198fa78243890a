import { describe, expect, it } from 'vitest';
import { DataError } from '../errors';
import { resolveSynthParams } from './params';

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
    expect(() => resolveSynthParams({ users: 10, ratings: 100 })).toThrow(/at least 20 ratings/);
    expect(() => resolveSynthParams({ users: 10, ratings: 100_000, movies: 100 })).toThrow(/do not fit/);
    expect(() => resolveSynthParams({ ratings: 1.5 })).toThrow(DataError);
    expect(() => resolveSynthParams({ ratings: 1000, genomeMovies: 10_000 })).toThrow(/genomeMovies/);
  });
});
