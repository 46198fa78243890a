/**
 * The dataset report's grouped tables (ratings by month, per-genre stats): the arquero verbs in
 * src/eda-tables.ts against the hand-written loops they replaced (kept below as the baseline), on
 * ml-latest-small (100,836 ratings) and a synthetic 1M-rating dataset. Checks both give equal
 * output, prints best-of-N milliseconds and writes bench-results/eda.json.
 *
 *   pnpm --filter @reco/study bench:eda
 *   RECO_BENCH_ROUNDS=9 ...   # best of N rounds (default 7)
 */

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { type Dataset, generateMovieLens, loadMovieLens } from '@reco/data';
import { genreStats, ratingsByMonth } from '../src/eda-tables';
import { datasetReport } from '../src/report-files';
import { writeResult } from './write-result';

const rounds = Number(process.env.RECO_BENCH_ROUNDS ?? 7);
const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..', '..');
const log = (text: string) => process.stderr.write(`${text}\n`);

function loopRatingsByMonth(dataset: Dataset) {
  const { rating, timestamp } = dataset.ratings;
  const byMonth = new Map<number, { count: number; sum: number }>();
  for (let i = 0; i < rating.length; i++) {
    const d = new Date(timestamp[i]! * 1000);
    const key = d.getUTCFullYear() * 12 + d.getUTCMonth();
    const entry = byMonth.get(key) ?? { count: 0, sum: 0 };
    entry.count++;
    entry.sum += rating[i]!;
    byMonth.set(key, entry);
  }
  return [...byMonth]
    .sort((a, b) => a[0] - b[0])
    .map(([key, { count, sum }]) => ({
      month: `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`,
      count,
      meanRating: sum / count,
    }));
}

function loopGenreStats(dataset: Dataset) {
  const { genreNames, genreMask } = dataset.movies;
  const movies = new Float64Array(genreNames.length);
  const count = new Float64Array(genreNames.length);
  const sum = new Float64Array(genreNames.length);
  for (let m = 0; m < genreMask.length; m++) {
    for (let g = 0; g < genreNames.length; g++) if ((genreMask[m]! >>> g) & 1) movies[g]!++;
  }
  const { movie, rating } = dataset.ratings;
  for (let i = 0; i < movie.length; i++) {
    const mask = genreMask[movie[i]!]!;
    if (mask === 0) continue;
    for (let g = 0; g < genreNames.length; g++) {
      if ((mask >>> g) & 1) {
        count[g]!++;
        sum[g]! += rating[i]!;
      }
    }
  }
  return genreNames
    .map((genre, g) => ({
      genre,
      movies: movies[g]!,
      ratings: count[g]!,
      meanRating: count[g]! > 0 ? sum[g]! / count[g]! : null,
    }))
    .sort((a, b) => b.ratings - a.ratings || a.genre.localeCompare(b.genre));
}

/** Best wall time of `rounds` calls after one warm-up, in milliseconds. */
function best(run: () => unknown): number {
  run();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    run();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const synthDir = join(here, '..', '.bench-data', 'eda-synth-1m');
log(`generating 1M synthetic ratings in ${synthDir} ...`);
await generateMovieLens({ out: synthDir, ratings: 1_000_000, seed: 7 });
const sets = [
  { name: 'ml-latest-small', dir: join(repo, 'datasets', 'ml-latest-small') },
  { name: 'synth-1m', dir: synthDir },
];

const results = [];
for (const { name, dir } of sets) {
  const dataset = await loadMovieLens(dir, { include: { genome: false }, cache: false });
  const tables = [
    {
      table: 'ratingsByMonth',
      arquero: () => ratingsByMonth(dataset),
      loop: () => loopRatingsByMonth(dataset),
    },
    { table: 'genreStats', arquero: () => genreStats(dataset), loop: () => loopGenreStats(dataset) },
  ];
  for (const t of tables) {
    if (!isDeepStrictEqual(t.arquero(), t.loop())) throw new Error(`${name} ${t.table}: outputs differ`);
    const row = {
      dataset: name,
      ratings: dataset.ratings.length,
      table: t.table,
      arqueroMs: round(best(t.arquero)),
      loopMs: round(best(t.loop)),
    };
    log(`${name} ${t.table}: arquero ${row.arqueroMs} ms, loop ${row.loopMs} ms`);
    results.push(row);
  }
  const reportMs = round(best(() => datasetReport(dataset, 4, 1)));
  log(`${name} whole datasetReport: ${reportMs} ms`);
  results.push({
    dataset: name,
    ratings: dataset.ratings.length,
    table: 'datasetReport (all)',
    arqueroMs: reportMs,
  });
}
log(`wrote ${writeResult('eda', { rounds, node: process.version, results })}`);
