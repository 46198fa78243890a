import { createRng, type Rng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { allocateArena, paddedFactors } from './arena';
import { type Kernels, kernelsFor } from './kernels';
import { plainKernelsFor } from './kernels-ts';

/**
 * Property tests: on random shapes and values the WebAssembly kernels and their plain-TypeScript
 * twins must leave the same bytes in memory and return the same number. Exact, not close: the twin
 * rounds every step to f32 in the SIMD lane order, which is what lets either one run in
 * production without changing a model.
 */

/** Two copies of one random problem, one per implementation. */
function twin<T>(build: (rng: Rng) => T, seed: number): [T, T] {
  return [build(createRng(seed)), build(createRng(seed))];
}

const fill = (rng: Rng, view: Float32Array, rows: number, stride: number, factors: number) => {
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < factors; k++) view[r * stride + k] = rng.nextFloat() - 0.5;
};

/** Byte-for-byte equality of two memories (Buffer.equals: a deep toEqual of 64 KiB is slow). */
const sameBytes = (a: { buffer: ArrayBufferLike }, b: { buffer: ArrayBufferLike }): boolean =>
  Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

function sgdProblem(rng: Rng) {
  const factors = 1 + rng.nextInt(20);
  const stride = paddedFactors(factors);
  const [nUsers, nItems, n] = [1 + rng.nextInt(30), 1 + rng.nextInt(30), rng.nextInt(300)];
  const arena = allocateArena('test', {
    user: { type: 'u32', length: n },
    item: { type: 'u32', length: n },
    rating: { type: 'f32', length: n },
    p: { type: 'f32', length: nUsers * stride },
    q: { type: 'f32', length: nItems * stride },
    bu: { type: 'f32', length: nUsers },
    bi: { type: 'f32', length: nItems },
  });
  const { views } = arena;
  for (let t = 0; t < n; t++) {
    views.user[t] = rng.nextInt(nUsers);
    views.item[t] = rng.nextInt(nItems);
    views.rating[t] = 0.5 + rng.nextInt(10) / 2;
  }
  fill(rng, views.p, nUsers, stride, factors);
  fill(rng, views.q, nItems, stride, factors);
  const start = rng.nextInt(n + 1);
  const end = start + rng.nextInt(n - start + 1);
  // lr up to 0.1 and reg up to 0.2, as in training; the mean 3.5 + u is no f32, as real means are not.
  const rates = [
    3.5 + rng.nextFloat(),
    rng.nextFloat() * 0.1,
    rng.nextFloat() * 0.2,
    rng.nextFloat() * 0.05,
  ] as const;
  const run = (k: Kernels) =>
    k.sgd(
      views.user.byteOffset,
      views.item.byteOffset,
      views.rating.byteOffset,
      start,
      end,
      views.p.byteOffset,
      views.q.byteOffset,
      views.bu.byteOffset,
      views.bi.byteOffset,
      stride * 4,
      ...rates,
    );
  return { memory: arena.memory, run };
}

function alsProblem(rng: Rng) {
  const factors = 1 + rng.nextInt(20);
  const stride = paddedFactors(factors);
  const [nItems, nEvents] = [1 + rng.nextInt(40), rng.nextInt(60)];
  const arena = allocateArena('test', {
    y: { type: 'f32', length: nItems * stride },
    indices: { type: 'u32', length: nEvents },
    data: { type: 'f32', length: nEvents },
    v: { type: 'f32', length: stride },
    out: { type: 'f32', length: stride },
    m: { type: 'f32', length: stride * stride },
  });
  const { views } = arena;
  fill(rng, views.y, nItems, stride, factors);
  for (let t = 0; t < nEvents; t++) {
    views.indices[t] = rng.nextInt(nItems);
    views.data[t] = rng.nextFloat() * 40;
  }
  fill(rng, views.v, 1, stride, factors);
  fill(rng, views.out, 1, stride, factors);
  for (let a = 0; a < factors; a++) {
    for (let b = a; b < factors; b++) {
      views.m[a * stride + b] = rng.nextFloat() - 0.5;
      views.m[b * stride + a] = views.m[a * stride + b]!;
    }
  }
  const residual = rng.nextInt(2);
  const run = (k: Kernels) => {
    k.accumulate(
      views.out.byteOffset,
      views.v.byteOffset,
      views.y.byteOffset,
      views.indices.byteOffset,
      views.data.byteOffset,
      0,
      nEvents,
      stride * 4,
      residual,
    );
    // symmetricTimes reads the accumulated vector, so both kernels feed the comparison.
    k.symmetricTimes(views.v.byteOffset, views.m.byteOffset, views.out.byteOffset, stride * 4);
    return 0;
  };
  return { memory: arena.memory, run, m: views.m };
}

/** 1 to 11 users (groups of four and a tail) against up to 50 items. */
function scoreProblem(rng: Rng) {
  const factors = 1 + rng.nextInt(20);
  const stride = paddedFactors(factors);
  const [nUsers, nItems] = [1 + rng.nextInt(11), 1 + rng.nextInt(50)];
  const arena = allocateArena('test', {
    x: { type: 'f32', length: nUsers * stride },
    y: { type: 'f32', length: nItems * stride },
    out: { type: 'f32', length: nUsers * nItems },
  });
  const { views } = arena;
  fill(rng, views.x, nUsers, stride, factors);
  fill(rng, views.y, nItems, stride, factors);
  const run = (k: Kernels) => {
    k.scoreBlock(views.out.byteOffset, views.x.byteOffset, nUsers, views.y.byteOffset, nItems, stride * 4);
    return 0;
  };
  return { memory: arena.memory, run };
}

/** A stratum of rating rows to shuffle in place, with the generator state of its draw. */
function shuffleProblem(rng: Rng) {
  const n = rng.nextInt(400);
  const arena = allocateArena('test', {
    user: { type: 'u32', length: n },
    item: { type: 'u32', length: n },
    rating: { type: 'f32', length: n },
  });
  const { views } = arena;
  for (let t = 0; t < n; t++) {
    views.user[t] = t;
    views.item[t] = rng.nextUint32();
    views.rating[t] = 0.5 + rng.nextInt(10) / 2;
  }
  const start = rng.nextInt(n + 1);
  const end = start + rng.nextInt(n - start + 1);
  const state = rng.nextUint32();
  const run = (k: Kernels) => {
    k.shuffleRatings(
      views.user.byteOffset,
      views.item.byteOffset,
      views.rating.byteOffset,
      start,
      end,
      state,
    );
    return 0;
  };
  return { memory: arena.memory, run, views, start, end };
}

describe('WebAssembly kernels against their plain-TypeScript twins', () => {
  for (const [name, problem] of [
    ['sgd', sgdProblem],
    ['accumulate + symmetricTimes', alsProblem],
    ['scoreBlock', scoreProblem],
    ['shuffleRatings', shuffleProblem],
  ] as const) {
    it(`${name}: the same bytes and the same result on 200 random problems`, () => {
      for (let seed = 0; seed < 200; seed++) {
        const [wasm, plain] = twin(problem, seed);
        expect(sameBytes(plain.memory, wasm.memory)).toBe(true);
        const fromWasm = wasm.run(kernelsFor(wasm.memory));
        const fromPlain = plain.run(plainKernelsFor(plain.memory));
        expect(fromPlain).toBe(fromWasm);
        expect(sameBytes(plain.memory, wasm.memory)).toBe(true);
      }
    });
  }

  it('shuffleRatings permutes only rows start..end-1, moving the three columns together', () => {
    // The first seed whose random stratum is more than a few rows long.
    let seed = 0;
    while (shuffleProblem(createRng(seed)).end - shuffleProblem(createRng(seed)).start < 20) seed++;
    const problem = shuffleProblem(createRng(seed));
    const { views, start, end } = problem;
    const before = { user: views.user.slice(), item: views.item.slice(), rating: views.rating.slice() };
    problem.run(kernelsFor(problem.memory));
    expect(Array.from(views.user.subarray(0, start))).toEqual(Array.from(before.user.subarray(0, start)));
    expect(Array.from(views.user.subarray(end))).toEqual(Array.from(before.user.subarray(end)));
    expect(Array.from(views.user.subarray(start, end))).not.toEqual(
      Array.from(before.user.subarray(start, end)),
    );
    expect(Array.from(views.user.subarray(start, end)).sort((a, b) => a - b)).toEqual(
      Array.from(before.user.subarray(start, end)),
    );
    for (let t = 0; t < views.user.length; t++) {
      const from = views.user[t]!; // user[t] held the row's original index
      expect(views.item[t]).toBe(before.item[from]);
      expect(views.rating[t]).toBe(before.rating[from]);
    }
  });

  it('the comparison can fail: a 0.1% change of one input shows', () => {
    const [wasm, plain] = twin(alsProblem, 3);
    plain.m[0] = plain.m[0]! * 1.001;
    wasm.run(kernelsFor(wasm.memory));
    plain.run(plainKernelsFor(plain.memory));
    // m itself differs; the product written from it must differ too (beyond m).
    const product = (memory: { buffer: ArrayBufferLike }) =>
      new Uint8Array(memory.buffer, 0, plain.m.byteOffset);
    expect(Buffer.from(product(plain.memory)).equals(Buffer.from(product(wasm.memory)))).toBe(false);
  });
});
