import { describe, expect, it } from 'vitest';
import { Rng } from './rng';

describe('Rng', () => {
  it('repeats a stream for the same seed and differs across seeds and streams', () => {
    const take = (rng: Rng) => Array.from({ length: 8 }, () => rng.uint32());
    expect(take(new Rng(42, 3))).toEqual(take(new Rng(42, 3)));
    expect(take(new Rng(42, 3))).not.toEqual(take(new Rng(43, 3)));
    expect(take(new Rng(42, 3))).not.toEqual(take(new Rng(42, 4)));
    const rng = new Rng(42, 3);
    const first = take(rng);
    expect(take(rng.reseed(42, 3))).toEqual(first);
  });

  it('draws uniform floats, bounded integers and standard normals', () => {
    const rng = new Rng(9);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    let below = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.float();
      if (!(u >= 0 && u < 1)) outOfRange++;
      if (u < 0.25) below++;
      const k = rng.int(7);
      if (!(Number.isInteger(k) && k >= 0 && k < 7)) outOfRange++;
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(below / n - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.03);
  });
});
