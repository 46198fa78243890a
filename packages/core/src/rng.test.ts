import { describe, expect, it } from 'vitest';
import { createRawRng, createRng, deriveSeed, mixSeed, sampleSorted } from './rng';

/** The plain mulberry32 every package used to carry, as the oracle for the shared one. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createRawRng', () => {
  it('draws the same stream as the reference mulberry32 for any seed', () => {
    for (const seed of [0, 1, 42, 0xffffffff, -7]) {
      const oracle = mulberry32(seed);
      const rng = createRawRng(seed);
      for (let i = 0; i < 1000; i++) expect(rng.nextFloat()).toBe(oracle());
    }
  });
});

describe('createRng', () => {
  it('mixes the seed first, so it equals the raw stream of the mixed seed', () => {
    const a = createRng(3);
    const b = createRawRng(mixSeed(3));
    for (let i = 0; i < 100; i++) expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('gives unrelated streams for nearby seeds and the same stream for the same seed', () => {
    const first = (seed: number) =>
      Array.from(
        { length: 8 },
        (
          (r) => () =>
            r.nextUint32()
        )(createRng(seed)),
      );
    expect(first(1)).toEqual(first(1));
    expect(first(1)).not.toEqual(first(2));
  });

  it('draws integers in range and roughly uniform floats', () => {
    const rng = createRng(9);
    const counts = new Uint32Array(10);
    for (let i = 0; i < 100_000; i++) {
      const v = rng.nextInt(10);
      expect(v >= 0 && v < 10).toBe(true);
      counts[v]!++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals with mean ~0 and variance ~1', () => {
    const rng = createRng(5);
    let sum = 0;
    let sq = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const g = rng.nextGaussian();
      sum += g;
      sq += g * g;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.03);
  });

  it('shuffles a range in place as a permutation, leaving the rest alone', () => {
    const a = Uint32Array.from({ length: 20 }, (_, i) => i);
    createRng(1).shuffle(a, 5, 15);
    expect(Array.from(a.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(a.subarray(15))).toEqual([15, 16, 17, 18, 19]);
    expect(Array.from(a.subarray(5, 15)).sort((x, y) => x - y)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(Array.from(a.subarray(5, 15))).not.toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });
});

describe('deriveSeed', () => {
  it('depends on every part and on their order', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 2));
  });
});

describe('sampleSorted', () => {
  it('returns a sorted subset of distinct values, the same for the same seed', () => {
    const values = Uint32Array.from({ length: 1000 }, (_, i) => i * 3);
    const s = sampleSorted(values, 100, 7);
    expect(s.length).toBe(100);
    expect(new Set(s).size).toBe(100);
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThan(s[i - 1]!);
    for (const v of s) expect(v % 3).toBe(0);
    expect(Array.from(sampleSorted(values, 100, 7))).toEqual(Array.from(s));
    expect(Array.from(sampleSorted(values, 100, 8))).not.toEqual(Array.from(s));
  });

  it('returns every value, sorted, when the size covers them', () => {
    expect(Array.from(sampleSorted(Uint32Array.of(5, 1, 3), 10, 1))).toEqual([1, 3, 5]);
  });
});
