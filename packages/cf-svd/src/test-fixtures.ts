/**
 * Small synthetic rating sets for tests, generated from a known biased low-rank model with a
 * test-local PRNG (independent of the package's own). Test-only; not exported from index.ts.
 */

export interface PlantedRatings {
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
  /** The noiseless rating μ + b_u + b_i + p_u·q_i of each row, before rounding and clipping. */
  readonly truth: Float64Array;
}

export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** `perUser` distinct random items per user, ratings from a rank-`rank` model plus optional noise. */
export function plantedRatings(options: {
  nUsers: number;
  nItems: number;
  perUser: number;
  rank?: number;
  noise?: number;
  seed: number;
}): PlantedRatings {
  const { nUsers, nItems, perUser, rank = 3, noise = 0, seed } = options;
  const next = lcg(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const p = Array.from({ length: nUsers * rank }, () => gaussian() * 0.6);
  const q = Array.from({ length: nItems * rank }, () => gaussian() * 0.6);
  const bu = Array.from({ length: nUsers }, () => gaussian() * 0.3);
  const bi = Array.from({ length: nItems }, () => gaussian() * 0.3);
  const n = nUsers * perUser;
  const user = new Uint32Array(n);
  const item = new Uint32Array(n);
  const rating = new Float32Array(n);
  const truth = new Float64Array(n);
  const taken = new Int32Array(nItems).fill(-1);
  let row = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let c = 0; c < perUser; c++) {
      let i = Math.floor(next() * nItems);
      while (taken[i] === u) i = Math.floor(next() * nItems);
      taken[i] = u;
      let value = 3 + bu[u]! + bi[i]!;
      for (let k = 0; k < rank; k++) value += p[u * rank + k]! * q[i * rank + k]!;
      user[row] = u;
      item[row] = i;
      truth[row] = value;
      rating[row] = Math.min(5, Math.max(0.5, value + noise * gaussian()));
      row++;
    }
  }
  return { user, item, rating, nUsers, nItems, truth };
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! ** 2;
    bb += b[i]! ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

export function bytesOf(array: Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
