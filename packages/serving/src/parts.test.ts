import { createRatingsStore } from '@reco/data';
import { describe, expect, it } from 'vitest';
import { trainingRatings } from './parts';

describe('trainingRatings', () => {
  const store = createRatingsStore({
    user: [0, 0, 1, 2, 2, 2],
    movie: [0, 1, 1, 0, 1, 2],
    rating: [4, 3, 5, 2, 1, 4.5],
    timestamp: [10, 11, 12, 13, 14, 15],
    users: 4,
  });

  it('keeps the selected rows grouped by user, with CSR offsets over all users', () => {
    const slice = trainingRatings(store, Uint32Array.from([0, 2, 3, 5]));
    expect(Array.from(slice.userOffsets)).toEqual([0, 1, 2, 4, 4]);
    expect(Array.from(slice.movie)).toEqual([0, 1, 0, 2]);
    expect(Array.from(slice.rating)).toEqual([4, 5, 2, 4.5]);
    expect(Array.from(slice.timestamp)).toEqual([10, 12, 13, 15]);
  });

  it('rejects unsorted rows and rows outside the store', () => {
    expect(() => trainingRatings(store, Uint32Array.from([2, 1]))).toThrowError(/sorted/);
    expect(() => trainingRatings(store, Uint32Array.from([0, 9]))).toThrowError(/outside/);
  });
});
