import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { rankedLists, relevanceFromRatings, relevanceSets } from './csr';

describe('rankedLists', () => {
  it('packs lists in order into offsets and items', () => {
    const lists = rankedLists([[4, 2], [], [9]]);
    expect(Array.from(lists.offsets)).toEqual([0, 2, 2, 3]);
    expect(Array.from(lists.items)).toEqual([4, 2, 9]);
  });

  it('rejects items that are not whole numbers in the Uint32 range', () => {
    expect(() => rankedLists([[1, -3]])).toThrow(expect.objectContaining({ code: 'invalid-structure' }));
    expect(() => rankedLists([[1.5]])).toThrow(expect.objectContaining({ code: 'invalid-structure' }));
  });
});

describe('relevanceSets', () => {
  it('sorts each set and carries its gains along', () => {
    const sets = relevanceSets([[7, 3, 5], [1]], { gains: [[4, 5, 3.5], [4.5]] });
    expect(Array.from(sets.offsets)).toEqual([0, 3, 4]);
    expect(Array.from(sets.items)).toEqual([3, 5, 7, 1]);
    expect(Array.from(sets.gains!)).toEqual([5, 3.5, 4, 4.5]);
  });

  it('rejects repeats, misshapen gains and non-positive gains', () => {
    expect(() => relevanceSets([[2, 2]])).toThrow(expect.objectContaining({ code: 'invalid-structure' }));
    expect(() => relevanceSets([[1], [2]], { gains: [[1]] })).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => relevanceSets([[1, 2]], { gains: [[1]] })).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => relevanceSets([[1]], { gains: [[0]] })).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
  });
});

describe('relevanceFromRatings', () => {
  it('keeps the held-out rows rated >= the like threshold, grouped by user, items ascending, gains = ratings', () => {
    // Rows: (user, item, rating). Row 5 is liked but not held out.
    const user = Uint32Array.of(0, 0, 1, 0, 2, 1);
    const item = Uint32Array.of(9, 4, 4, 6, 1, 7);
    const rating = Float32Array.of(4, 3.5, 5, 3, 2, 4.5);
    const sets = relevanceFromRatings({ user, item, rating, users: 3, rows: Uint32Array.of(0, 1, 2, 3, 4) });
    // User 0: items 9 (4) and 4 (3.5) liked, 6 (3) not -> [4, 9]. User 1: [4]. User 2: 1 (2) not liked -> [].
    expect(Array.from(sets.offsets)).toEqual([0, 2, 3, 3]);
    expect(Array.from(sets.items)).toEqual([4, 9, 4]);
    expect(Array.from(sets.gains!)).toEqual([3.5, 4, 5]);
  });

  it('uses every row by default and honours likeThreshold', () => {
    const sets = relevanceFromRatings({
      user: Uint32Array.of(0, 0),
      item: Uint32Array.of(3, 1),
      rating: Float64Array.of(3, 2.5),
      users: 1,
      likeThreshold: 3,
    });
    expect(Array.from(sets.items)).toEqual([3]);
  });

  it('matches a naive grouping on random data large enough for the radix path', () => {
    const random = createRawRng(9);
    const n = 5000;
    const users = 200;
    // Unique (user, item) pairs, in a shuffled order, as a ratings table would hold them.
    const pairs = new Set<number>();
    while (pairs.size < n)
      pairs.add(Math.floor(random.nextFloat() * users) * 100_000 + Math.floor(random.nextFloat() * 100_000));
    const user = new Uint32Array(n);
    const item = new Uint32Array(n);
    const rating = new Float32Array(n);
    [...pairs].forEach((pair, i) => {
      user[i] = Math.floor(pair / 100_000);
      item[i] = pair % 100_000;
      rating[i] = 0.5 + Math.floor(random.nextFloat() * 10) / 2;
    });
    const rows = Uint32Array.from({ length: n / 2 }, (_, i) => i * 2);
    const sets = relevanceFromRatings({ user, item, rating, users, rows });

    const expected: { item: number; gain: number }[][] = Array.from({ length: users }, () => []);
    for (const row of rows)
      if (rating[row]! >= 3.5) expected[user[row]!]!.push({ item: item[row]!, gain: rating[row]! });
    for (const list of expected) list.sort((a, b) => a.item - b.item);
    const flat = expected.flat();
    expect(Array.from(sets.items)).toEqual(flat.map((entry) => entry.item));
    expect(Array.from(sets.gains!)).toEqual(flat.map((entry) => entry.gain));
    expect(sets.offsets[users]).toBe(flat.length);
  });

  it('rejects mismatched columns, out-of-range rows and users, and NaN ratings', () => {
    const base = { user: Uint32Array.of(0), item: Uint32Array.of(1), rating: Float32Array.of(4), users: 1 };
    expect(() => relevanceFromRatings({ ...base, item: Uint32Array.of() })).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => relevanceFromRatings({ ...base, rows: Uint32Array.of(3) })).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
    expect(() => relevanceFromRatings({ ...base, users: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
    expect(() => relevanceFromRatings({ ...base, rating: Float32Array.of(Number.NaN) })).toThrow(
      expect.objectContaining({ code: 'invalid-score' }),
    );
    expect(() =>
      relevanceFromRatings({
        ...base,
        user: Uint32Array.of(0, 0),
        item: Uint32Array.of(1, 1),
        rating: Float32Array.of(4, 5),
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid-structure' }));
  });
});
