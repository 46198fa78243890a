import { describe, expect, it } from 'vitest';
import { randomHoldout, temporalHoldout } from './holdout';

describe('temporalHoldout', () => {
  const user = Uint32Array.of(0, 0, 0, 0, 0, 1, 1, 2);
  const timestamp = Uint32Array.of(50, 10, 40, 20, 30, 5, 1, 9);

  it("holds out each user's latest round(fraction x n), keeping at least one training rating", () => {
    const split = temporalHoldout({ user, timestamp, nUsers: 3, fraction: 0.4, seed: 1 });
    // User 0: 5 ratings -> 2 latest (rows 0 at 50, 2 at 40). User 1: round(0.8) = 1 -> row 5 (t 5).
    // User 2: one rating, kept for training.
    expect(Array.from(split.holdout)).toEqual([0, 2, 5]);
    expect(Array.from(split.train)).toEqual([1, 3, 4, 6, 7]);
  });

  it('breaks ties in time by the seed, deterministically', () => {
    const tied = { user: new Uint32Array(20), timestamp: new Uint32Array(20), nUsers: 1, fraction: 0.5 };
    const a = temporalHoldout({ ...tied, seed: 3 });
    expect(Array.from(temporalHoldout({ ...tied, seed: 3 }).holdout)).toEqual(Array.from(a.holdout));
    expect(a.holdout.length).toBe(10);
    expect(Array.from(temporalHoldout({ ...tied, seed: 4 }).holdout)).not.toEqual(Array.from(a.holdout));
  });

  it('splits only the given rows and rejects a bad fraction', () => {
    const split = temporalHoldout({
      user,
      timestamp,
      nUsers: 3,
      rows: Uint32Array.of(1, 3, 4),
      fraction: 0.34,
      seed: 1,
    });
    expect(Array.from(split.holdout)).toEqual([4]);
    expect(() => temporalHoldout({ user, timestamp, nUsers: 3, fraction: 1, seed: 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-option', field: 'fraction' }),
    );
  });
});

describe('randomHoldout', () => {
  const user = Uint32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : i < 29 ? 1 : 2));

  it("holds out round(fraction x n) of each user's rows, seeded, keeping one for training", () => {
    const split = randomHoldout({ user, nUsers: 3, fraction: 0.5, seed: 7 });
    const held = (u: number) => Array.from(split.holdout).filter((r) => user[r] === u).length;
    expect([held(0), held(1), held(2)]).toEqual([10, 5, 0]);
    expect(split.train.length + split.holdout.length).toBe(30);
    expect(Array.from(randomHoldout({ user, nUsers: 3, fraction: 0.5, seed: 7 }).holdout)).toEqual(
      Array.from(split.holdout),
    );
    expect(Array.from(randomHoldout({ user, nUsers: 3, fraction: 0.5, seed: 8 }).holdout)).not.toEqual(
      Array.from(split.holdout),
    );
  });

  it('is not the temporal split: it holds out early rows too', () => {
    const timestamp = Uint32Array.from({ length: 30 }, (_, i) => i);
    const random = randomHoldout({ user, nUsers: 3, fraction: 0.5, seed: 7 });
    const temporal = temporalHoldout({ user, timestamp, nUsers: 3, fraction: 0.5, seed: 7 });
    expect(Array.from(random.holdout)).not.toEqual(Array.from(temporal.holdout));
    expect(Math.min(...random.holdout)).toBeLessThan(10);
  });
});
