import type { UserHistoryBody } from '@reco/client';
import { describe, expect, it } from 'vitest';
import { historySummary } from './user-history';

const base: UserHistoryBody = {
  userId: 7,
  ratingCount: 1234,
  meanRating: 3.871,
  globalMeanRating: 3.5,
  topRated: [],
  lowestRated: [],
  genres: [],
};

describe('historySummary', () => {
  it("states the count and the user's mean next to everyone's", () => {
    expect(historySummary(base)).toBe('User 7 has 1,234 training ratings, mean 3.87 stars (everyone: 3.50).');
    expect(historySummary({ ...base, ratingCount: 1, meanRating: 4, globalMeanRating: null })).toBe(
      'User 7 has 1 training rating, mean 4.00 stars (everyone: –).',
    );
  });

  it('says so when the user has no training ratings', () => {
    expect(historySummary({ ...base, ratingCount: 0, meanRating: null })).toBe(
      'User 7 has no training ratings.',
    );
  });
});
