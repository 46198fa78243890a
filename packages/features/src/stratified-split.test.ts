import { describe, expect, it } from 'vitest';
import { FeatureError } from './errors';
import { likeLabels } from './labels';
import type { Split } from './split-common';
import { stratifiedSplit } from './stratified-split';
import { makeStore, randomDataset } from './test-fixtures';

function expectPartition(split: Split, n: number): void {
  const seen = new Uint8Array(n);
  for (const part of [split.train, split.validation, split.test]) {
    for (let i = 0; i < part.length; i++) {
      if (i > 0) expect(part[i]!).toBeGreaterThan(part[i - 1]!);
      seen[part[i]!]!++;
    }
  }
  // Every row in exactly one part.
  expect(seen.every((c) => c === 1)).toBe(true);
}

function usersOf(rows: Uint32Array, user: Uint32Array): Set<number> {
  return new Set(Array.from(rows, (r) => user[r]!));
}

describe('likeLabels', () => {
  it('labels rating >= threshold as a like, including exactly the threshold', () => {
    const store = makeStore([
      { user: 0, movie: 0, rating: 3, timestamp: 0 },
      { user: 0, movie: 1, rating: 3.5, timestamp: 0 },
      { user: 0, movie: 2, rating: 5, timestamp: 0 },
      { user: 1, movie: 0, rating: 0.5, timestamp: 0 },
    ]);
    expect(Array.from(likeLabels(store))).toEqual([0, 1, 1, 0]);
    expect(Array.from(likeLabels(store, { likeThreshold: 3 }))).toEqual([1, 1, 1, 0]);
    expect(Array.from(likeLabels(store, { rows: Uint32Array.of(3, 2) }))).toEqual([0, 1]);
  });

  it('rejects a threshold outside 0.5-5', () => {
    const store = makeStore([{ user: 0, movie: 0, rating: 3, timestamp: 0 }]);
    expect(() => likeLabels(store, { likeThreshold: 6 })).toThrow(FeatureError);
    expect(() => likeLabels(store, { likeThreshold: 0.4 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => likeLabels(store, { likeThreshold: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
  });
});

describe('stratifiedSplit', () => {
  const { ratings } = randomDataset({ nUsers: 60, nMovies: 80, ratingsPerUser: [20, 50], seed: 7 });

  it('partitions the rows, keeps every part within one row of its share per class, and reports', () => {
    const split = stratifiedSplit(ratings, { seed: 1 });
    expectPartition(split, ratings.length);
    // Users here have >= 20 ratings, so no row needs to move and the bound is exact.
    expect(split.report.movedToTrain).toBe(0);
    const labels = likeLabels(ratings);
    const nLikes = labels.reduce((a, b) => a + b, 0);
    const classSizes = [ratings.length - nLikes, nLikes];
    const fractions = [0.7, 0.15, 0.15];
    [split.train, split.validation, split.test].forEach((part, p) => {
      const likes = Array.from(part).filter((r) => labels[r] === 1).length;
      const perClass = [part.length - likes, likes];
      for (const c of [0, 1]) {
        expect(Math.abs(perClass[c]! - classSizes[c]! * fractions[p]!)).toBeLessThanOrEqual(1);
      }
    });
    expect(split.report.counts).toEqual({
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
    });
    const trainLikes = Array.from(split.train).filter((r) => labels[r] === 1).length;
    expect(split.report.likeShare.train).toBeCloseTo(trainLikes / split.train.length, 12);
  });

  it('is deterministic per seed and differs across seeds', () => {
    const a = stratifiedSplit(ratings, { seed: 3 });
    const b = stratifiedSplit(ratings, { seed: 3 });
    const c = stratifiedSplit(ratings, { seed: 4 });
    expect(Buffer.from(a.test.buffer)).toEqual(Buffer.from(b.test.buffer));
    expect(Buffer.from(a.train.buffer)).toEqual(Buffer.from(b.train.buffer));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it('moves validation/test rows of users without training ratings to train, and counts them', () => {
    // Ten users with a single rating each: whatever lands in validation/test must move.
    const rows = Array.from({ length: 10 }, (_, u) => ({
      user: u,
      movie: u % 3,
      rating: u % 2 ? 4 : 2,
      timestamp: 0,
    }));
    const store = makeStore(rows);
    const split = stratifiedSplit(store, { seed: 5, fractions: [0.4, 0.3, 0.3] });
    expect(split.train.length).toBe(10);
    expect(split.validation.length + split.test.length).toBe(0);
    // 40% of each class (5 rows) stays in train by the cut: round(5·0.4) = 2 per class.
    expect(split.report.movedToTrain).toBe(6);
    expect(split.report.movedFromValidation + split.report.movedFromTest).toBe(6);
  });

  it('puts every validation and test user in train, on data with sparse users', () => {
    const sparse = randomDataset({ nUsers: 200, nMovies: 40, ratingsPerUser: [1, 4], seed: 11 });
    const split = stratifiedSplit(sparse.ratings, { seed: 2 });
    expectPartition(split, sparse.ratings.length);
    const trainUsers = usersOf(split.train, sparse.ratings.user);
    for (const u of usersOf(split.validation, sparse.ratings.user)) expect(trainUsers.has(u)).toBe(true);
    for (const u of usersOf(split.test, sparse.ratings.user)) expect(trainUsers.has(u)).toBe(true);
    expect(split.report.movedToTrain).toBeGreaterThan(0);
    expect(split.report.coldUserRows).toBe(0);
  });

  it('rejects bad fractions, thresholds, seeds and empty stores with clear messages', () => {
    expect(() => stratifiedSplit(ratings, { seed: 1, fractions: [0.7, 0.2, 0.2] })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => stratifiedSplit(ratings, { seed: 1, fractions: [0, 0.5, 0.5] })).toThrow(
      /training fraction/,
    );
    expect(() => stratifiedSplit(ratings, { seed: 1, fractions: [1.2, -0.1, -0.1] })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => stratifiedSplit(ratings, { seed: 1, likeThreshold: 7 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => stratifiedSplit(ratings, { seed: 1.5 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => stratifiedSplit(makeStore([]), { seed: 1 })).toThrow(
      expect.objectContaining({ code: 'empty-data' }),
    );
  });
});
