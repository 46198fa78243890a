/**
 * A small seeded PRNG (mulberry32) with the draws this package needs. Same seed, same stream, on
 * every platform: all arithmetic is 32-bit integer math. Internal; never exported.
 */
export class Random {
  private state: number;

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

  /** Uniform integer in [0, n) for n <= 2^32 (the modulo bias of a float multiply is irrelevant here). */
  nextInt(n: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * n);
  }

  /** In-place Fisher-Yates shuffle of `array[start..end-1]`. */
  shuffle(array: Uint32Array, start = 0, end = array.length): void {
    for (let i = end - 1; i > start; i--) {
      const j = start + this.nextInt(i - start + 1);
      const t = array[i]!;
      array[i] = array[j]!;
      array[j] = t;
    }
  }
}
