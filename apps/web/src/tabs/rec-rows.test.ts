import type { PredictionsBody, RecommendationItemBody } from '@reco/client';
import { describe, expect, it } from 'vitest';
import { probabilityText, scoreLabel, withProbabilities } from './rec-rows';

const item = (movieId: number, score: number): RecommendationItemBody => ({
  movieId,
  title: `movie ${movieId}`,
  year: 1999,
  genres: ['Drama'],
  score,
  reason: 'popular in Drama',
});

const predictions: PredictionsBody = {
  userId: 1,
  threshold: 0.42,
  predictions: [
    { movieId: 2, probability: 0.61, like: true },
    { movieId: 1, probability: 0.87, like: true },
  ],
};

describe('withProbabilities', () => {
  it("puts each movie's predicted like probability beside its strategy score", () => {
    const rows = withProbabilities([item(1, 0.35), item(2, 0.3), item(3, 0.2)], 'ease', predictions);
    expect(rows.map((r) => [r.movieId, r.score, r.probability])).toEqual([
      [1, 0.35, 0.87],
      [2, 0.3, 0.61],
      [3, 0.2, null],
    ]);
  });

  it("takes the classifier's score as the probability, and marks a pending or absent one", () => {
    expect(withProbabilities([item(1, 0.9)], 'classifier', undefined)[0]?.probability).toBe(0.9);
    expect(withProbabilities([item(1, 0.9)], 'ease', undefined)[0]?.probability).toBeUndefined();
    expect(withProbabilities([item(1, 0.9)], 'ease', null)[0]?.probability).toBeNull();
  });
});

describe('probabilityText and scoreLabel', () => {
  it('format the like probability and name what the score is', () => {
    expect([0.8766, undefined, null].map(probabilityText)).toEqual(['0.877', '…', '–']);
    expect(scoreLabel('classifier')).toBe('Score (P(like))');
    expect(scoreLabel('ease')).toBe('Score (ease)');
  });
});
