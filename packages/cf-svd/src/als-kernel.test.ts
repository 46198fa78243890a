import { createRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { runGram } from './als-kernel';

const F = 6;
const STRIDE = 8;

function randomRows(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const y = new Float32Array(n * STRIDE);
  for (let r = 0; r < n; r++) for (let k = 0; k < F; k++) y[r * STRIDE + k] = rng.nextFloat() * 2 - 1;
  return y;
}

function gram(y: Float32Array): Float64Array {
  const out = new Float64Array(F * F);
  runGram({ y, stride: STRIDE, factors: F, rowStart: 0, rowEnd: y.length / STRIDE, out });
  return out;
}

describe('runGram', () => {
  it('equals Σ y yᵀ computed directly', () => {
    const y = randomRows(37, 1);
    const want = new Float64Array(F * F);
    for (let r = 0; r < 37; r++)
      for (let a = 0; a < F; a++)
        for (let b = 0; b < F; b++) want[a * F + b]! += y[r * STRIDE + a]! * y[r * STRIDE + b]!;
    const got = gram(y);
    for (let j = 0; j < F * F; j++) expect(got[j]).toBeCloseTo(want[j]!, 10);
  });

  it('gives the same bytes when pairs of all-zero rows are added (they are skipped, not summed)', () => {
    const dense = randomRows(20, 2);
    // Interleave 2 zero rows after every 2 rows: the row pairs the kernel sweeps stay aligned.
    const padded = new Float32Array(dense.length * 2);
    for (let pair = 0; pair < 10; pair++)
      padded.set(dense.subarray(pair * 2 * STRIDE, (pair + 1) * 2 * STRIDE), pair * 4 * STRIDE);
    expect(Array.from(gram(padded))).toEqual(Array.from(gram(dense)));
    // One zero row beside a non-zero one still counts that row.
    const lone = new Float32Array(2 * STRIDE);
    lone.set(dense.subarray(0, STRIDE), STRIDE);
    expect(gram(lone)[0]).toBe(dense[0]! * dense[0]!);
  });
});
