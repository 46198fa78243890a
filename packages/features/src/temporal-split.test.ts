import { describe, expect, it } from 'vitest';
import { globalTemporalSplit, userTemporalSplit } from './temporal-split';
import { makeStore, randomDataset } from './test-fixtures';

const DAY = 86_400;

describe('userTemporalSplit', () => {
  it('holds out each user’s latest ratings: test last, validation just before', () => {
    // User 0 rates movies 0..9 on days 0..9 (movie index order differs from time order on purpose).
    const rows = Array.from({ length: 10 }, (_, k) => ({
      user: 0,
      movie: (k * 3) % 10,
      rating: 3,
      timestamp: k * DAY,
    }));
    const store = makeStore(rows);
    const split = userTemporalSplit(store, { validation: 0.2, test: 0.2, seed: 1 });
    const daysOf = (part: Uint32Array) =>
      Array.from(part, (r) => store.timestamp[r]! / DAY).sort((a, b) => a - b);
    expect(daysOf(split.test)).toEqual([8, 9]);
    expect(daysOf(split.validation)).toEqual([6, 7]);
    expect(daysOf(split.train)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('by count, keeps at least one training rating per user and reports the rows that stayed', () => {
    const store = makeStore([
      { user: 0, movie: 0, rating: 4, timestamp: 1 },
      { user: 0, movie: 1, rating: 4, timestamp: 2 },
      { user: 0, movie: 2, rating: 4, timestamp: 3 },
      { user: 1, movie: 0, rating: 2, timestamp: 5 },
      { user: 1, movie: 1, rating: 2, timestamp: 4 },
      { user: 2, movie: 2, rating: 2, timestamp: 4 },
    ]);
    const split = userTemporalSplit(store, { validation: 1, test: 1, unit: 'count', seed: 1 });
    // User 0: one each. User 1 (2 ratings): test gets the latest, validation gives way. User 2: all train.
    expect(Array.from(split.test)).toEqual([2, 3]);
    expect(Array.from(split.validation)).toEqual([1]);
    expect(Array.from(split.train)).toEqual([0, 4, 5]);
    expect(split.report.movedFromValidation).toBe(2);
    expect(split.report.movedFromTest).toBe(1);
    expect(split.report.movedToTrain).toBe(3);
  });

  it('breaks timestamp ties with the seed, deterministically', () => {
    const rows = Array.from({ length: 40 }, (_, m) => ({ user: 0, movie: m, rating: 3, timestamp: 100 }));
    const store = makeStore(rows);
    const a = userTemporalSplit(store, { validation: 0, test: 0.25, seed: 1 });
    const b = userTemporalSplit(store, { validation: 0, test: 0.25, seed: 1 });
    const c = userTemporalSplit(store, { validation: 0, test: 0.25, seed: 2 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(a.test.length).toBe(10);
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    // Not simply the highest movie indices.
    expect(Array.from(a.test)).not.toEqual(Array.from({ length: 10 }, (_, i) => 30 + i));
  });

  it('gives a partition where no training rating is later than its user’s held-out ratings', () => {
    const { ratings } = randomDataset({ nUsers: 50, nMovies: 60, ratingsPerUser: [2, 30], seed: 3 });
    const split = userTemporalSplit(ratings, { seed: 9 });
    expect(split.train.length + split.validation.length + split.test.length).toBe(ratings.length);
    const latestTrain = new Map<number, number>();
    for (const r of split.train) {
      const u = ratings.user[r]!;
      latestTrain.set(u, Math.max(latestTrain.get(u) ?? 0, ratings.timestamp[r]!));
    }
    for (const part of [split.validation, split.test]) {
      for (const r of part) {
        const u = ratings.user[r]!;
        expect(latestTrain.has(u)).toBe(true);
        expect(ratings.timestamp[r]!).toBeGreaterThanOrEqual(latestTrain.get(u)!);
      }
    }
  });

  it('rejects shares that leave nothing to train on', () => {
    const store = makeStore([{ user: 0, movie: 0, rating: 3, timestamp: 0 }]);
    expect(() => userTemporalSplit(store, { validation: 0.5, test: 0.5, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    expect(() => userTemporalSplit(store, { validation: 1.5, test: 1, unit: 'count', seed: 1 })).toThrow(
      /integers/,
    );
  });
});

describe('globalTemporalSplit', () => {
  const store = makeStore([
    { user: 0, movie: 0, rating: 4, timestamp: 10 },
    { user: 0, movie: 1, rating: 4, timestamp: 20 },
    { user: 0, movie: 2, rating: 2, timestamp: 30 },
    { user: 1, movie: 0, rating: 2, timestamp: 15 },
    { user: 1, movie: 1, rating: 5, timestamp: 25 },
    { user: 2, movie: 2, rating: 3, timestamp: 40 },
  ]);

  it('cuts at explicit timestamps and keeps cold users by default', () => {
    const split = globalTemporalSplit(store, { cuts: { validation: 20, test: 30 } });
    expect(Array.from(split.train)).toEqual([0, 3]);
    expect(Array.from(split.validation)).toEqual([1, 4]);
    expect(Array.from(split.test)).toEqual([2, 5]);
    expect(split.report.coldUserRows).toBe(1); // user 2's only rating
    expect(split.report.movedToTrain).toBe(0);
    expect(split.report.cuts).toEqual({ validation: 20, test: 30 });
  });

  it('moves cold users to train on request', () => {
    const split = globalTemporalSplit(store, {
      cuts: { validation: 20, test: 30 },
      coldUsers: 'move-to-train',
    });
    expect(Array.from(split.train)).toEqual([0, 3, 5]);
    expect(split.report.movedFromTest).toBe(1);
  });

  it('derives the cuts from quantiles of the timestamps', () => {
    // Sorted timestamps 10 15 20 25 30 40: 50% → index 3 (25), 50%+25% → round(4.5) = 5 (40).
    const split = globalTemporalSplit(store, { fractions: [0.5, 0.25, 0.25] });
    expect(split.report.cuts).toEqual({ validation: 25, test: 40 });
    expect(Array.from(split.train)).toEqual([0, 1, 3]);
  });

  it('rejects an empty training set and reversed cuts', () => {
    expect(() => globalTemporalSplit(store, { cuts: { validation: 5, test: 30 } })).toThrow(
      /training set is empty/,
    );
    expect(() => globalTemporalSplit(store, { cuts: { validation: 30, test: 20 } })).toThrow(
      /must not come after/,
    );
  });
});
