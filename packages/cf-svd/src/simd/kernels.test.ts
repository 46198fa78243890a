import { describe, expect, it } from 'vitest';
import { lcg } from '../test-fixtures';
import { allocateArena, paddedFactors, unpadRows } from './arena';
import { kernelsFor } from './kernels';

describe('arena', () => {
  it('aligns every array to a 64-byte cache line in one shared memory, and unpads rows', () => {
    const { memory, views } = allocateArena('test', {
      a: { type: 'f32', length: 3 },
      b: { type: 'u32', length: 5 },
      c: { type: 'f32', length: 8 },
    });
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    for (const view of [views.a, views.b, views.c]) {
      expect(view.buffer).toBe(memory.buffer);
      expect(view.byteOffset % 64).toBe(0);
    }
    expect(views.b.byteOffset).toBeGreaterThanOrEqual(views.a.byteOffset + 12);
    expect(paddedFactors(5)).toBe(8);
    expect(paddedFactors(64)).toBe(64);
    views.c.set([1, 2, 3, 0, 4, 5, 6, 0]);
    expect(Array.from(unpadRows(views.c, 2, 4, 3))).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, digits: number): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < actual.length; k++) expect(actual[k]!).toBeCloseTo(expected[k]!, digits);
}

/** Kernels against plain JavaScript written straight from the formulas in kernels.as.ts (to float tolerance: f64 and sequential sums here). */
describe('SIMD kernels', () => {
  const f = 6; // not a multiple of 4: exercises the padded stride
  const stride = paddedFactors(f);
  const next = lcg(77);

  it('sgd applies the biased-MF update rating by rating', () => {
    const nUsers = 5;
    const nItems = 4;
    const n = 40;
    const { memory, views } = allocateArena('test', {
      user: { type: 'u32', length: n },
      item: { type: 'u32', length: n },
      rating: { type: 'f32', length: n },
      p: { type: 'f32', length: nUsers * stride },
      q: { type: 'f32', length: nItems * stride },
      bu: { type: 'f32', length: nUsers },
      bi: { type: 'f32', length: nItems },
    });
    for (let t = 0; t < n; t++) {
      views.user[t] = Math.floor(next() * nUsers);
      views.item[t] = Math.floor(next() * nItems);
      views.rating[t] = 1 + Math.floor(next() * 9) / 2;
    }
    for (const m of [views.p, views.q])
      for (let r = 0; r < m.length; r += stride) for (let k = 0; k < f; k++) m[r + k] = next() - 0.5;
    const p = Array.from(views.p);
    const q = Array.from(views.q);
    const bu = new Array<number>(nUsers).fill(0);
    const bi = new Array<number>(nItems).fill(0);
    const [mean, lr, reg, biasReg] = [3.4, 0.05, 0.1, 0.02];
    let squaredError = 0;
    for (let t = 5; t < 35; t++) {
      const u = views.user[t]!;
      const i = views.item[t]!;
      let dot = 0;
      for (let k = 0; k < f; k++) dot += p[u * stride + k]! * q[i * stride + k]!;
      const e = views.rating[t]! - (mean + bu[u]! + bi[i]! + dot);
      squaredError += e * e;
      bu[u]! += lr * (e - biasReg * bu[u]!);
      bi[i]! += lr * (e - biasReg * bi[i]!);
      for (let k = 0; k < f; k++) {
        const pk = p[u * stride + k]!;
        const qk = q[i * stride + k]!;
        p[u * stride + k] = pk + lr * (e * qk - reg * pk);
        q[i * stride + k] = qk + lr * (e * pk - reg * qk);
      }
    }
    const kernels = kernelsFor(memory);
    const se = kernels.sgd(
      views.user.byteOffset,
      views.item.byteOffset,
      views.rating.byteOffset,
      5,
      35,
      views.p.byteOffset,
      views.q.byteOffset,
      views.bu.byteOffset,
      views.bi.byteOffset,
      stride * 4,
      mean,
      lr,
      reg,
      biasReg,
    );
    // Float32 arithmetic in the kernel against float64 here: agreement to ~1e-6 relative.
    expect(se).toBeCloseTo(squaredError, 4);
    expectClose(views.p, p, 5);
    expectClose(views.q, q, 5);
    expectClose(views.bu, bu, 5);
    expectClose(views.bi, bi, 5);
    // The padding lanes stay exactly zero.
    for (let r = 0; r < views.p.length; r += stride) expect([views.p[r + 6], views.p[r + 7]]).toEqual([0, 0]);
  });

  it('accumulate and symmetricTimes compute the CG products', () => {
    const nItems = 7;
    const nEvents = 5;
    const { memory, views } = allocateArena('test', {
      y: { type: 'f32', length: nItems * stride },
      indices: { type: 'u32', length: nEvents },
      data: { type: 'f32', length: nEvents },
      v: { type: 'f32', length: stride },
      out: { type: 'f32', length: stride },
      m: { type: 'f32', length: stride * stride },
    });
    for (let r = 0; r < nItems; r++) for (let k = 0; k < f; k++) views.y[r * stride + k] = next() - 0.5;
    views.indices.set([3, 0, 6, 3, 2]);
    views.data.set([2, 4.5, 8, 1, 3]);
    for (let k = 0; k < f; k++) views.v[k] = next();
    const kernels = kernelsFor(memory);
    for (const residual of [0, 1]) {
      const expected = Array.from({ length: stride }, (_, k) => (k % 2) - 0.5);
      views.out.set(expected);
      for (let t = 1; t < 5; t++) {
        const row = views.indices[t]! * stride;
        let dot = 0;
        for (let k = 0; k < f; k++) dot += views.y[row + k]! * views.v[k]!;
        const d = views.data[t]!;
        const w = residual ? 1 + d - d * dot : d * dot;
        for (let k = 0; k < stride; k++) expected[k]! += w * views.y[row + k]!;
      }
      kernels.accumulate(
        views.out.byteOffset,
        views.v.byteOffset,
        views.y.byteOffset,
        views.indices.byteOffset,
        views.data.byteOffset,
        1,
        5,
        stride * 4,
        residual,
      );
      expectClose(views.out, expected, 5);
    }

    // A symmetric M: M_ab = M_ba.
    for (let a = 0; a < stride; a++) {
      for (let b = a; b < stride; b++) {
        const value = next() - 0.5;
        views.m[a * stride + b] = value;
        views.m[b * stride + a] = value;
      }
    }
    kernels.symmetricTimes(views.out.byteOffset, views.m.byteOffset, views.v.byteOffset, stride * 4);
    for (let a = 0; a < stride; a++) {
      let expected = 0;
      for (let b = 0; b < stride; b++) expected += views.m[a * stride + b]! * views.v[b]!;
      expect(views.out[a]!).toBeCloseTo(expected, 5);
    }
  });

  it('scoreBlock writes every user-item dot product, a user scoring the same alone or in a block', () => {
    const nUsers = 6; // one group of four and a tail of two
    const nItems = 9;
    const { memory, views } = allocateArena('test', {
      x: { type: 'f32', length: nUsers * stride },
      y: { type: 'f32', length: nItems * stride },
      out: { type: 'f32', length: nUsers * nItems },
      alone: { type: 'f32', length: nItems },
    });
    for (let r = 0; r < nUsers; r++) for (let k = 0; k < f; k++) views.x[r * stride + k] = next() - 0.5;
    for (let r = 0; r < nItems; r++) for (let k = 0; k < f; k++) views.y[r * stride + k] = next() - 0.5;
    const kernels = kernelsFor(memory);
    kernels.scoreBlock(
      views.out.byteOffset,
      views.x.byteOffset,
      nUsers,
      views.y.byteOffset,
      nItems,
      stride * 4,
    );
    for (let u = 0; u < nUsers; u++) {
      for (let i = 0; i < nItems; i++) {
        let dot = 0;
        for (let k = 0; k < f; k++) dot += views.x[u * stride + k]! * views.y[i * stride + k]!;
        expect(views.out[u * nItems + i]!).toBeCloseTo(dot, 5);
      }
    }
    // User 1 sits in the group of four above; alone, its scores are the same floats.
    kernels.scoreBlock(
      views.alone.byteOffset,
      views.x.byteOffset + stride * 4,
      1,
      views.y.byteOffset,
      nItems,
      stride * 4,
    );
    expect(Array.from(views.alone)).toEqual(Array.from(views.out.subarray(nItems, 2 * nItems)));
  });
});
