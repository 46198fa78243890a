/**
 * A small seeded PRNG (mulberry32) with the few draws this package needs. Same seed, same stream,
 * on every platform: all arithmetic is 32-bit integer math. Internal; never exported.
 */
export class Random {
  private state: number;
  private spareGaussian = Number.NaN;

  constructor(seed: number) {
    // Mix the seed once (splitmix32 finaliser) so nearby seeds such as 1 and 2 give unrelated streams.
    let z = (seed | 0) + 0x9e3779b9;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    this.state = (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n), for n <= 2^32 (the tiny modulo bias is irrelevant at our sizes). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal draw (Box-Muller, pairs cached). */
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

  /** In-place Fisher-Yates shuffle. */
  shuffle(array: Uint32Array): void {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = array[i]!;
      array[i] = array[j]!;
      array[j] = t;
    }
  }
}

/**
 * A seed for a sub-stream, e.g. (seed, epoch, block), so parallel and sequential runs draw the same
 * numbers for the same piece of work regardless of which thread does it.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (seed ^ 0x5bd1e995) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x9e3779b1);
    h = (h ^ (h >>> 15)) >>> 0;
  }
  return h;
}
