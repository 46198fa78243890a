/**
 * The one seeded PRNG of reco: mulberry32 (32 bits of state, all 32-bit integer math, so the
 * same seed gives the same stream on every platform). `Math.random` is never used in library code.
 */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), 32 bits of resolution. */
  nextFloat(): number;
  /** Uniform integer in [0, n), for n <= 2^32 (the tiny bias of a float multiply is irrelevant at our sizes). */
  nextInt(n: number): number;
  /** Standard normal draw (Box-Muller; the second value of each pair is kept for the next call). */
  nextGaussian(): number;
  /** In-place Fisher-Yates shuffle of `array[start..end-1]`. */
  shuffle(array: Uint32Array, start?: number, end?: number): Uint32Array;
}

/**
 * A generator whose seed is first mixed (splitmix32 finaliser), so nearby seeds such as 1 and 2
 * give unrelated streams. The default for new code.
 *
 * @example
 * const rng = createRng(42);
 * rng.nextInt(10); // same value on every run and platform
 */
export function createRng(seed: number): Rng {
  return createRawRng(mixSeed(seed));
}

/**
 * A generator that starts from `state` as given, with no mixing. Streams that predate
 * {@link createRng} (splits, samples, model search) use it so their seeds keep their results.
 */
export function createRawRng(state: number): Rng {
  return new Mulberry32(state >>> 0);
}

/** The splitmix32 finaliser: a well-spread 32-bit state from any integer seed. */
export function mixSeed(seed: number): number {
  let z = (seed | 0) + 0x9e3779b9;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A seed for a sub-stream, e.g. (seed, epoch, block), so parallel and sequential runs draw the
 * same numbers for the same piece of work whichever thread does it.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1);
    h = (h ^ (h >>> 15)) >>> 0;
  }
  return h;
}

/**
 * A seeded sample of `size` of `values`, sorted ascending (all of them, sorted, when
 * `size >= values.length`). Partial Fisher-Yates on a copy: O(size) swaps.
 */
export function sampleSorted(values: Uint32Array, size: number, seed: number): Uint32Array {
  if (size >= values.length) return values.slice().sort();
  const pool = values.slice();
  const rng = createRawRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.nextFloat() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.subarray(0, size).sort();
}

class Mulberry32 implements Rng {
  private state: number;
  private spareGaussian = Number.NaN;

  constructor(state: number) {
    this.state = state;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  nextGaussian(): number {
    if (!Number.isNaN(this.spareGaussian)) {
      const g = this.spareGaussian;
      this.spareGaussian = Number.NaN;
      return g;
    }
    // 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - this.nextFloat()));
    const theta = 2 * Math.PI * this.nextFloat();
    this.spareGaussian = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  shuffle(array: Uint32Array, start = 0, end = array.length): Uint32Array {
    for (let i = end - 1; i > start; i--) {
      const j = start + this.nextInt(i - start + 1);
      const t = array[i]!;
      array[i] = array[j]!;
      array[j] = t;
    }
    return array;
  }
}
