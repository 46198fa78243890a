/**
 * Collaborative-filtering benchmark on a generated MovieLens-20M-shaped problem:
 * SGD MF (64 factors x 20 epochs), implicit ALS (64 factors x 15 iterations) and the randomized
 * SVD on a TF-IDF-shaped sparse matrix. Prints and writes bench-results/cf.json.
 *
 *   pnpm --filter @reco/cf-svd bench                        # full size: 20M ratings
 *   RECO_BENCH_SCALE=small pnpm --filter @reco/cf-svd bench # 1M ratings, for a quick check
 *   RECO_BENCH_THREADS=1 ...                                # threads (default: min(2, cores))
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  alsItemScores,
  csrFromCoo,
  predictMfRows,
  randomizedSvd,
  topKItems,
  trainAls,
  trainMf,
} from '../src/index';
import { generateRatings } from './synthetic';

const small = process.env.RECO_BENCH_SCALE === 'small';
const threads = Number(process.env.RECO_BENCH_THREADS ?? Math.min(2, availableParallelism()));
const scale = small ? 0.05 : 1;
const loadAtStart = loadavg();
const size = {
  nUsers: Math.round(138_000 * scale),
  nItems: 27_000,
  nRatings: Math.round(20_000_000 * scale),
};
const seconds = (since: number): number => (performance.now() - since) / 1000;
// CPU seconds of the whole process (all threads): on a shared machine, wall time also counts
// other people's work, so report both.
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const log = (message: string): void => console.log(`[cf bench] ${message}`);

log(`generating ${size.nRatings.toLocaleString()} ratings, ${size.nUsers} users x ${size.nItems} items`);
let started = performance.now();
const data = generateRatings({ ...size, seed: 2024 });
const generateSeconds = seconds(started);

// Seeded 1% holdout (every row whose hash lands in the bottom 1%), the rest trains.
const isHoldout = (row: number): boolean => (Math.imul(row ^ 0x5bd1e995, 0x9e3779b1) >>> 0) % 100 === 0;
let nHoldout = 0;
for (let row = 0; row < data.user.length; row++) if (isHoldout(row)) nHoldout++;
const holdout = new Uint32Array(nHoldout);
const train = new Uint32Array(data.user.length - nHoldout);
for (let row = 0, h = 0, t = 0; row < data.user.length; row++) {
  if (isHoldout(row)) holdout[h++] = row;
  else train[t++] = row;
}

// --- SGD MF -------------------------------------------------------------------------------------
const mfEpochs: number[] = [];
let cpu = process.cpuUsage();
started = performance.now();
const mf = await trainMf({
  ...data,
  rows: train,
  factors: 64,
  epochs: 20,
  threads,
  seed: 1,
  onEpoch: (e) => {
    mfEpochs.push(e.seconds);
    log(`mf epoch ${e.epoch}/20: ${e.seconds.toFixed(2)} s, train RMSE ${e.trainRmse.toFixed(4)}`);
  },
});
const mfSeconds = seconds(started);
const mfCpuSeconds = cpuSeconds(cpu);
const predicted = predictMfRows(mf, { user: data.user, item: data.item, rows: holdout });
let squared = 0;
for (let t = 0; t < holdout.length; t++) squared += (predicted[t]! - data.rating[holdout[t]!]!) ** 2;
const mfRmse = Math.sqrt(squared / holdout.length);
let meanSquared = 0;
for (let t = 0; t < holdout.length; t++) meanSquared += (mf.globalMean - data.rating[holdout[t]!]!) ** 2;
const meanRmse = Math.sqrt(meanSquared / holdout.length);
const rssAfterMf = peakRssMb();
log(
  `mf: ${mfSeconds.toFixed(1)} s (${mfCpuSeconds.toFixed(1)} CPU s), holdout RMSE ${mfRmse.toFixed(4)} (global mean ${meanRmse.toFixed(4)})`,
);

// --- ALS ----------------------------------------------------------------------------------------
const alsIterations: number[] = [];
cpu = process.cpuUsage();
started = performance.now();
const als = await trainAls({
  ...data,
  rows: train,
  factors: 64,
  iterations: 15,
  threads,
  seed: 1,
  onIteration: (it) => {
    alsIterations.push(it.seconds);
    log(`als iteration ${it.iteration}/15: ${it.seconds.toFixed(2)} s`);
  },
});
const alsSeconds = seconds(started);
const alsCpuSeconds = cpuSeconds(cpu);
let likeEvents = 0;
for (const row of train) if (data.rating[row]! >= 3.5) likeEvents++;

// Recall@10 of held-out likes for up to 1000 users (scoring every user would dominate the bench).
const heldOutLikes = new Map<number, number[]>();
for (const row of holdout) {
  if (data.rating[row]! < 3.5) continue;
  const u = data.user[row]!;
  if (heldOutLikes.size >= 1000 && !heldOutLikes.has(u)) continue;
  heldOutLikes.set(u, [...(heldOutLikes.get(u) ?? []), data.item[row]!]);
}
const userRows = new Map<number, number[]>();
for (const row of train) {
  const u = data.user[row]!;
  if (heldOutLikes.has(u)) userRows.set(u, [...(userRows.get(u) ?? []), data.item[row]!]);
}
let hits = 0;
let possible = 0;
const scores = new Float32Array(data.nItems);
for (const [u, liked] of heldOutLikes) {
  const top = topKItems(alsItemScores(als, u, scores), { k: 10, exclude: userRows.get(u) ?? [] });
  for (const item of top.items) if (liked.includes(item)) hits++;
  possible += Math.min(10, liked.length);
}
const alsRecall = hits / possible;
const rssAfterAls = peakRssMb();
log(
  `als: ${alsSeconds.toFixed(1)} s (${alsCpuSeconds.toFixed(1)} CPU s), recall@10 ${alsRecall.toFixed(4)} on ${heldOutLikes.size} users`,
);

// --- randomized SVD on a TF-IDF-shaped matrix (items x terms) ------------------------------------
const nTerms = 20_000;
const nnz = Math.round(2_000_000 * (small ? 0.25 : 1));
let state = 7;
const uniform = (): number => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
};
const row = new Uint32Array(nnz);
const col = new Uint32Array(nnz);
const value = new Float32Array(nnz);
for (let k = 0; k < nnz; k++) {
  row[k] = Math.floor(uniform() * size.nItems);
  col[k] = Math.floor(uniform() ** 2 * nTerms);
  value[k] = uniform();
}
started = performance.now();
const tfidf = csrFromCoo({ nRows: size.nItems, nCols: nTerms, row, col, value });
const svd = randomizedSvd(tfidf, { rank: 64, seed: 1 });
const svdSeconds = seconds(started);
log(
  `randomized SVD rank 64 of ${size.nItems} x ${nTerms} (${tfidf.indptr[size.nItems]} nnz): ${svdSeconds.toFixed(1)} s`,
);

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const results = {
  bench: 'cf',
  date: new Date().toISOString(),
  loadAverage: { start: loadAtStart, end: loadavg() },
  scale: small ? 'small' : 'full',
  threads,
  node: process.version,
  data: { ...size, trainRatings: train.length, holdoutRatings: holdout.length, generateSeconds },
  mf: {
    factors: 64,
    epochs: 20,
    seconds: mfSeconds,
    cpuSeconds: mfCpuSeconds,
    secondsPerEpoch: mean(mfEpochs),
    fastestEpochSeconds: Math.min(...mfEpochs),
    holdoutRmse: mfRmse,
    globalMeanRmse: meanRmse,
    targetSeconds: 90,
  },
  als: {
    factors: 64,
    iterations: 15,
    likeEvents,
    seconds: alsSeconds,
    cpuSeconds: alsCpuSeconds,
    secondsPerIteration: mean(alsIterations),
    fastestIterationSeconds: Math.min(...alsIterations),
    recallAt10: alsRecall,
    recallUsers: heldOutLikes.size,
    targetSeconds: 90,
  },
  randomizedSvd: {
    nRows: size.nItems,
    nCols: nTerms,
    nnz: tfidf.indptr[size.nItems],
    rank: 64,
    seconds: svdSeconds,
    s0: svd.s[0],
  },
  peakRssMb: { afterMf: rssAfterMf, afterAls: rssAfterAls, end: peakRssMb() },
};
console.log(JSON.stringify(results, null, 2));
const outDir = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(outDir, { recursive: true });
writeFileSync(`${outDir}cf.json`, `${JSON.stringify(results, null, 2)}\n`);
