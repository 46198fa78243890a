import type { Rng } from './rng';

/**
 * Walker/Vose alias table: draws index i with probability weights[i] / sum(weights) in O(1), with
 * one uniform number per draw. Sampling movies by popularity is the generator's innermost step,
 * so a binary search over a CDF (O(log n) with unpredictable branches) would dominate the run.
 */
export interface AliasTable {
  readonly size: number;
  /** Probability of keeping column i rather than jumping to alias[i]. */
  readonly keep: Float64Array;
  readonly alias: Uint32Array;
}

export function buildAliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  if (n === 0) throw new RangeError('an alias table needs at least one weight');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weight ${i} is ${w}; weights must be >= 0`);
    sum += w;
  }
  if (sum <= 0) throw new RangeError('alias table weights sum to 0');

  const keep = new Float64Array(n);
  const alias = new Uint32Array(n);
  // Scaled probabilities: mean 1. Columns below 1 are "small" and get topped up by a "large" one.
  const scaled = new Float64Array(n);
  const small = new Uint32Array(n);
  const large = new Uint32Array(n);
  let nSmall = 0;
  let nLarge = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i]! * n) / sum;
    if (scaled[i]! < 1) small[nSmall++] = i;
    else large[nLarge++] = i;
  }
  while (nSmall > 0 && nLarge > 0) {
    const s = small[--nSmall]!;
    const l = large[nLarge - 1]!;
    keep[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    if (scaled[l]! < 1) {
      nLarge--;
      small[nSmall++] = l;
    }
  }
  // Whatever is left is 1 up to rounding error.
  while (nLarge > 0) {
    const l = large[--nLarge]!;
    keep[l] = 1;
    alias[l] = l;
  }
  while (nSmall > 0) {
    const s = small[--nSmall]!;
    keep[s] = 1;
    alias[s] = s;
  }
  return { size: n, keep, alias };
}

/** One draw from the table. */
export function sampleAlias(table: AliasTable, rng: Rng): number {
  const x = rng.float() * table.size;
  const column = Math.floor(x);
  return x - column < table.keep[column]! ? column : table.alias[column]!;
}
