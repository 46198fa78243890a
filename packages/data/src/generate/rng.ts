/**
 * A small seeded PRNG: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator), seeded through
 * splitmix32. It passes PractRand to well beyond what the generator draws, needs only 32-bit
 * integer ops (fast in V8), and can be re-seeded in place, so the hot loop reuses one instance per
 * stream instead of allocating one per user.
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  /** Second normal deviate of the last Box-Muller pair, or NaN when none is cached. */
  private spare = Number.NaN;

  constructor(seed: number, stream = 0) {
    this.reseed(seed, stream);
  }

  /**
   * Restarts the generator on the stream `(seed, stream)`. Distinct streams of one seed are
   * independent for practical purposes, which lets every user own a stream: the output for a user
   * then depends only on the seed and the user, never on which users were simulated before.
   */
  reseed(seed: number, stream = 0): this {
    let s = splitmix32(seed >>> 0) ^ splitmix32((stream >>> 0) + 0x632be5ab);
    s = splitmix32(s);
    this.a = s;
    this.b = splitmix32(s + 0x9e3779b9);
    this.c = splitmix32(s + 0x3c6ef372);
    this.d = 1;
    this.spare = Number.NaN;
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 12; i++) this.uint32();
    return this;
  }

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  float(): number {
    return this.uint32() * 2.3283064365386963e-10;
  }

  /** Uniform integer in [0, n), for n < 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal deviate (Box-Muller; the second value of each pair is cached). */
  normal(): number {
    const spare = this.spare;
    if (!Number.isNaN(spare)) {
      this.spare = Number.NaN;
      return spare;
    }
    const u = 1 - this.float(); // (0, 1]: log stays finite
    const radius = Math.sqrt(-2 * Math.log(u));
    const angle = 6.283185307179586 * this.float();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Exponential deviate with mean 1. */
  exponential(): number {
    return -Math.log(1 - this.float());
  }
}

/** splitmix32 finaliser: a bijective 32-bit mix, used to derive well-spread seeds. */
export function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
