/**
 * Kernel benchmark: each WebAssembly kernel against its plain-TypeScript twin (`kernels-ts.ts`,
 * bit-identical results) on training-shaped inputs with 64 factors. Prints one line per kernel and
 * writes bench-results/kernels.json. A kernel keeps its place only where it wins.
 *
 *   pnpm --filter @reco/cf-svd bench:kernels
 *   RECO_BENCH_ROUNDS=3 ...   # best of N rounds (default 5)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '@reco/core';
import { allocateArena } from '../src/simd/arena';
import { type Kernels, kernelsFor } from '../src/simd/kernels';
import { plainKernelsFor } from '../src/simd/kernels-ts';

const rounds = Number(process.env.RECO_BENCH_ROUNDS ?? 5);
const factors = 64;
const stride = factors * 4;
const [nUsers, nItems, nRatings] = [6_000, 4_000, 400_000];
const eventsPerRow = 100;
const rng = createRng(2024);

const { memory, views } = allocateArena('kernel bench', {
  user: { type: 'u32', length: nRatings },
  item: { type: 'u32', length: nRatings },
  rating: { type: 'f32', length: nRatings },
  p: { type: 'f32', length: nUsers * factors },
  q: { type: 'f32', length: nItems * factors },
  bu: { type: 'f32', length: nUsers },
  bi: { type: 'f32', length: nItems },
  data: { type: 'f32', length: nRatings },
  v: { type: 'f32', length: factors },
  out: { type: 'f32', length: factors },
  gram: { type: 'f32', length: factors * factors },
});
for (let t = 0; t < nRatings; t++) {
  views.user[t] = rng.nextInt(nUsers);
  views.item[t] = rng.nextInt(nItems);
  views.rating[t] = 0.5 + rng.nextInt(10) / 2;
  views.data[t] = 40 * views.rating[t]!;
}
for (const m of [views.p, views.q, views.v, views.gram])
  for (let k = 0; k < m.length; k++) m[k] = 0.02 * rng.nextGaussian();

/** Each kernel's workload: `units` of work (ratings, events, products) per call of `run`. */
const workloads: { name: string; unit: string; units: number; run: (k: Kernels) => void }[] = [
  {
    name: 'sgd',
    unit: 'ratings',
    units: nRatings,
    run: (k) =>
      k.sgd(
        views.user.byteOffset,
        views.item.byteOffset,
        views.rating.byteOffset,
        0,
        nRatings,
        views.p.byteOffset,
        views.q.byteOffset,
        views.bu.byteOffset,
        views.bi.byteOffset,
        stride,
        3.5,
        0.002,
        0.05,
        0.02,
      ),
  },
  {
    // One call per user row of 100 events, as runAlsSolve makes them (indices are items).
    name: 'accumulate',
    unit: 'events',
    units: nRatings,
    run: (k) => {
      for (let start = 0; start < nRatings; start += eventsPerRow) {
        const args = [
          views.v.byteOffset,
          views.q.byteOffset,
          views.item.byteOffset,
          views.data.byteOffset,
        ] as const;
        k.accumulate(views.out.byteOffset, ...args, start, start + eventsPerRow, stride, start & 1);
      }
    },
  },
  {
    // MF shuffles each stratum before its SGD pass: a few MB of rows, here 400k.
    name: 'shuffleRatings',
    unit: 'ratings',
    units: nRatings,
    run: (k) =>
      k.shuffleRatings(
        views.user.byteOffset,
        views.item.byteOffset,
        views.rating.byteOffset,
        0,
        nRatings,
        12345,
      ),
  },
  {
    name: 'symmetricTimes',
    unit: 'products',
    units: 20_000,
    run: (k) => {
      for (let j = 0; j < 20_000; j++)
        k.symmetricTimes(views.out.byteOffset, views.gram.byteOffset, views.v.byteOffset, stride);
    },
  },
];

/** Best-of-`rounds` throughput in units per second (after one warm-up call). */
function throughput(kernels: Kernels, work: (typeof workloads)[number]): number {
  work.run(kernels);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    work.run(kernels);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return work.units / best;
}

const implementations = { wasm: kernelsFor(memory), ts: plainKernelsFor(memory) };
const results = workloads.map((work) => {
  const wasm = throughput(implementations.wasm, work);
  const ts = throughput(implementations.ts, work);
  const speedup = wasm / ts;
  console.log(
    `[kernel bench] ${work.name.padEnd(15)} wasm ${(wasm / 1e6).toFixed(2)} M ${work.unit}/s   ts ${(ts / 1e6).toFixed(2)} M ${work.unit}/s   wasm/ts ${speedup.toFixed(2)}x   winner ${speedup >= 1 ? 'wasm' : 'ts'}`,
  );
  return { kernel: work.name, unit: work.unit, wasmPerSecond: wasm, tsPerSecond: ts, speedup };
});

const outDir = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const report = { factors, rounds, node: process.version, results };
writeFileSync(`${outDir}kernels.json`, `${JSON.stringify(report, null, 2)}\n`);
