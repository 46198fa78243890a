import { describe, expect, it } from 'vitest';
import { publicSource } from './public-source';

describe('publicSource', () => {
  it('keeps only the last folder name of a path', () => {
    expect(publicSource('/srv/data/ml-latest-small')).toBe('ml-latest-small');
    expect(publicSource('/srv/data/ml-25m/')).toBe('ml-25m');
    expect(publicSource('ml-1m')).toBe('ml-1m');
  });

  it('passes URLs through', () => {
    expect(publicSource('https://files.grouplens.org/datasets/movielens/ml-latest-small.zip')).toBe(
      'https://files.grouplens.org/datasets/movielens/ml-latest-small.zip',
    );
  });
});
