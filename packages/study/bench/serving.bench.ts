/**
 * Serving latency over a 27k-movie catalogue (ml-20m's size): a synthetic dataset with 27,278
 * movies and 1M ratings, every part trained on it as `reco train` would (XGBoost, 64-factor MF and
 * ALS), then per-call latency of recommend (each strategy), fold-in, similar and title search.
 * Targets: top-10 for one user <= 20 ms (classifier, two-stage) and <= 5 ms (cf).
 *
 *   pnpm --filter @reco/study bench:serving [-- --ratings 1000000]
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMovieLens, loadMovieLens } from '@reco/data';
import type { Recommender } from '@reco/serving';
import { createRecommender } from '@reco/serving';
import { trainParts } from './train-parts';
import { writeResult } from './write-result';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const ratings = arg('ratings', 1_000_000);
const movies = arg('movies', 27_278);
const seed = 7;
const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(here, '..', '.bench-data', `serving-${movies}m-${ratings}r`);

const log = (text: string) => process.stderr.write(`${text}\n`);
log(`generating ${ratings} ratings over ${movies} movies in ${out} ...`);
await generateMovieLens({ out, ratings, movies, seed });
const dataset = await loadMovieLens(out, { include: { genome: false } });
const rows = Uint32Array.from({ length: dataset.ratings.length }, (_, i) => i);
log('training the parts ...');
// Latency depends on the model's size (trees, factors), not on how long it trained: fit the
// classifier on a fifth of the rows and run fewer MF/ALS passes to keep the bench short.
const { parts, seconds } = await trainParts(dataset, rows, {
  seed,
  classifierStride: 5,
  mfEpochs: 5,
  alsIterations: 5,
});
const recommender = createRecommender(parts);
const userIds = dataset.users.ids;
const pickUser = (i: number) => userIds[(i * 7919) % userIds.length]!;
const movieIds = dataset.movies.ids.ids;

interface Latency {
  readonly calls: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  /** Process CPU time per call (all threads): the work itself, whatever else shares the cores. */
  readonly cpuMsPerCall: number;
}

/** Per-call wall time of `call(i)` for i = 0..calls-1, after a warm-up of 20 calls. */
function measure(calls: number, call: (i: number) => unknown): Latency {
  for (let i = 0; i < 20; i++) call(calls + i);
  const times = new Float64Array(calls);
  const cpu = process.cpuUsage();
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    call(i);
    times[i] = performance.now() - started;
  }
  const used = process.cpuUsage(cpu);
  times.sort();
  const mean = times.reduce((a, b) => a + b, 0) / calls;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    calls,
    medianMs: round(times[Math.floor(calls / 2)]!),
    p95Ms: round(times[Math.floor(calls * 0.95)]!),
    meanMs: round(mean),
    cpuMsPerCall: round((used.user + used.system) / 1000 / calls),
  };
}

function latencies(r: Recommender): Record<string, Latency> {
  const recommend =
    (strategy: 'classifier' | 'cf' | 'hybrid', exhaustive = false) =>
    (i: number) =>
      r.recommend(pickUser(i), { n: 10, strategy, exhaustive });
  const newUser = (i: number) =>
    Array.from({ length: 10 }, (_, j) => ({
      movieId: movieIds[(i * 31 + j * 97) % 2000]!,
      rating: 1 + ((i + j) % 9) / 2,
    }));
  return {
    'recommend cf': measure(300, recommend('cf')),
    'recommend classifier (two-stage)': measure(300, recommend('classifier')),
    'recommend hybrid (two-stage)': measure(300, recommend('hybrid')),
    'recommend classifier (exhaustive)': measure(20, recommend('classifier', true)),
    'recommendForRatings classifier (10 ratings, fold-in)': measure(100, (i) =>
      r.recommendForRatings(newUser(i), { n: 10 }),
    ),
    'recommendForRatings cf (10 ratings, fold-in)': measure(100, (i) =>
      r.recommendForRatings(newUser(i), { n: 10, strategy: 'cf' }),
    ),
    'similar content': measure(200, (i) =>
      r.similar(movieIds[(i * 13) % movieIds.length]!, { n: 10, by: 'content' }),
    ),
    'similar cf': measure(200, (i) => r.similar(movieIds[(i * 13) % 3000]!, { n: 10, by: 'cf' })),
    'similar blend': measure(200, (i) => r.similar(movieIds[(i * 13) % 3000]!, { n: 10, by: 'blend' })),
    searchMovies: measure(100, (i) =>
      r.searchMovies(`${dataset.movies.movies[(i * 17) % movieIds.length]!.title.split(' ')[0]} 19`),
    ),
  };
}

log('measuring ...');
const createStarted = performance.now();
createRecommender(parts);
const createMs = performance.now() - createStarted;
const results = latencies(recommender);
const load = (await import('node:os')).loadavg();
const report = {
  dataset: {
    ratings: dataset.ratings.length,
    users: dataset.users.size,
    movies: dataset.movies.movies.length,
  },
  classifier: parts.classifier.kind,
  factors: parts.mf.factors,
  trainSeconds: seconds,
  createRecommenderMs: Math.round(createMs),
  targets: { 'recommend classifier (two-stage)': 20, 'recommend cf': 5 },
  latencies: results,
  loadAverage: load.map((x) => Math.round(x * 100) / 100),
  note: 'Wall time per call on a shared 2-core machine; other work may have been running (see loadAverage). cpuMsPerCall is the process CPU time.',
};
console.log(JSON.stringify(report, null, 2));
log(`wrote ${writeResult('serving', report)}`);
recommender.dispose();
