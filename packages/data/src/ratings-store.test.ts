import { describe, expect, it } from 'vitest';
import { createRatingsStore, orderRatings } from './ratings-store';

/** Small seeded PRNG for test data (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('orderRatings', () => {
  it('matches a naive sort-and-dedupe on shuffled data with duplicates', () => {
    const random = prng(3);
    const n = 5000;
    const rows = Array.from({ length: n }, (_, i) => ({
      user: Math.floor(random() * 40),
      movie: Math.floor(random() * 60),
      rating: (1 + Math.floor(random() * 10)) / 2,
      timestamp: Math.floor(random() * 50),
      line: i,
    }));
    // Independent expectation: group by pair, keep max timestamp, last line on ties; sort by pair.
    const best = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const key = `${r.user},${r.movie}`;
      const kept = best.get(key);
      if (kept === undefined || r.timestamp >= kept.timestamp) best.set(key, r);
    }
    const expected = [...best.values()].sort((a, b) => a.user - b.user || a.movie - b.movie);

    const ordered = orderRatings(
      {
        user: Uint32Array.from(rows, (r) => r.user),
        movie: Uint32Array.from(rows, (r) => r.movie),
        rating: Float32Array.from(rows, (r) => r.rating),
        timestamp: Uint32Array.from(rows, (r) => r.timestamp),
      },
      40,
      60,
      'latest',
    );
    const { store } = ordered;
    expect(ordered.duplicates).toBe(n - expected.length);
    expect(store.length).toBe(expected.length);
    expect([...store.user]).toEqual(expected.map((r) => r.user));
    expect([...store.movie]).toEqual(expected.map((r) => r.movie));
    expect([...store.rating]).toEqual(expected.map((r) => r.rating));
    expect([...store.timestamp]).toEqual(expected.map((r) => r.timestamp));
    for (let u = 0; u < 40; u++) {
      const count = expected.filter((r) => r.user === u).length;
      expect(store.userOffsets[u + 1]! - store.userOffsets[u]!).toBe(count);
    }
  });

  it('reuses sorted input as is', () => {
    const user = Uint32Array.of(0, 0, 2);
    const ordered = orderRatings(
      {
        user,
        movie: Uint32Array.of(1, 4, 0),
        rating: Float32Array.of(1, 2, 3),
        timestamp: Uint32Array.of(0, 0, 0),
      },
      3,
      5,
      'latest',
    );
    expect(ordered.store.user).toBe(user);
    expect([...ordered.store.userOffsets]).toEqual([0, 2, 2, 3]);
  });

  it("under 'error' reports the first duplicate by input row", () => {
    const ordered = orderRatings(
      {
        user: Uint32Array.of(1, 0, 1),
        movie: Uint32Array.of(2, 2, 2),
        rating: Float32Array.of(1, 2, 3),
        timestamp: Uint32Array.of(0, 0, 0),
      },
      2,
      3,
      'error',
    );
    expect(ordered.duplicate).toEqual({ user: 1, movie: 2, rows: [0, 2] });
  });
});

describe('createRatingsStore', () => {
  it('builds a sorted store with CSR offsets from plain arrays', () => {
    const store = createRatingsStore({ user: [1, 0, 0], movie: [2, 1, 0], rating: [4, 3.5, 5], users: 3 });
    expect([...store.user]).toEqual([0, 0, 1]);
    expect([...store.movie]).toEqual([0, 1, 2]);
    expect([...store.rating]).toEqual([5, 3.5, 4]);
    expect([...store.timestamp]).toEqual([0, 0, 0]);
    expect([...store.userOffsets]).toEqual([0, 2, 3, 3]);
  });

  it('rejects bad input with a stable code', () => {
    expect(() => createRatingsStore({ user: [0, 1], movie: [0], rating: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() => createRatingsStore({ user: [-1], movie: [0], rating: [1] })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() => createRatingsStore({ user: [0], movie: [0], rating: [Number.NaN] })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() => createRatingsStore({ user: [3], movie: [0], rating: [1], users: 2 })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() =>
      createRatingsStore({ user: [0, 0], movie: [1, 1], rating: [1, 2], duplicates: 'error' }),
    ).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });
});
