/**
 * Times the metrics on large inputs and writes bench-results/eval.json.
 *   pnpm --filter @reco/eval bench
 * Sizes: RECO_BENCH_SCORES (default 3,000,000 scores), RECO_BENCH_USERS (default 100,000 users).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRawRng } from '@reco/core';
import {
  classificationReport,
  ndcgAtK,
  prAuc,
  type RankedLists,
  rankingReport,
  relevanceFromRatings,
  rocAuc,
  selectThreshold,
} from '../src/index';

const SCORES = Number(process.env.RECO_BENCH_SCORES ?? 3_000_000);
const USERS = Number(process.env.RECO_BENCH_USERS ?? 100_000);
const CATALOG = 50_000;
const LIST_LENGTH = 10;
const HELD_OUT_PER_USER = 30;
const RUNS = 5;

interface Result {
  readonly name: string;
  readonly size: number;
  readonly unit: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
}

/** One warm-up call, then the median and minimum of RUNS timed calls. */
function time(name: string, size: number, unit: string, run: () => unknown): Result {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const result = {
    name,
    size,
    unit,
    medianMs: round(times[RUNS >> 1]!),
    minMs: round(times[0]!),
    runs: RUNS,
  };
  console.log(
    `${name.padEnd(40)} ${String(size).padStart(10)} ${unit.padEnd(6)} median ${result.medianMs} ms`,
  );
  return result;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

// Classification input: ~half liked, float32 probabilities that lean towards the label.
const random = createRawRng(42);
const labels = new Uint8Array(SCORES);
const scores = new Float32Array(SCORES);
for (let i = 0; i < SCORES; i++) {
  labels[i] = random.nextFloat() < 0.52 ? 1 : 0;
  scores[i] = Math.min(
    1,
    0.7 * random.nextFloat() + 0.3 * labels[i]! * random.nextFloat() + 0.1 * random.nextFloat(),
  );
}
// Float64 scores that are not float32 values take the built-in sort path.
const scores64 = new Float64Array(SCORES);
for (let i = 0; i < SCORES; i++) scores64[i] = scores[i]! + random.nextFloat() * 1e-9;

// Ranking input: USERS top-10 lists and held-out ratings, 30 per user, from a 50k catalog.
const listOffsets = new Uint32Array(USERS + 1);
const listItems = new Uint32Array(USERS * LIST_LENGTH);
for (let u = 0; u < USERS; u++) {
  listOffsets[u + 1] = (u + 1) * LIST_LENGTH;
  // Popular-ish items: the square skews picks towards low indices, so lists and held-out items overlap.
  for (let i = 0; i < LIST_LENGTH; i++)
    listItems[u * LIST_LENGTH + i] = Math.floor(random.nextFloat() ** 2 * CATALOG);
}
const lists: RankedLists = { offsets: listOffsets, items: listItems };
const heldOut = USERS * HELD_OUT_PER_USER;
const ratingUser = new Uint32Array(heldOut);
const ratingItem = new Uint32Array(heldOut);
const rating = new Float32Array(heldOut);
for (let u = 0; u < USERS; u++) {
  // Distinct items per user: a skewed start (like the lists) and a stride through the catalog.
  const start = Math.floor(random.nextFloat() ** 2 * CATALOG);
  for (let i = 0; i < HELD_OUT_PER_USER; i++) {
    const row = u * HELD_OUT_PER_USER + i;
    ratingUser[row] = u;
    ratingItem[row] = (start + i * 7) % CATALOG;
    rating[row] = 0.5 + Math.floor(random.nextFloat() * 10) / 2;
  }
}
const relevance = relevanceFromRatings({ user: ratingUser, item: ratingItem, rating, users: USERS });

console.log(`@reco/eval bench: ${SCORES} scores, ${USERS} users, node ${process.version}`);
const results: Result[] = [
  time('rocAuc (float32, radix sort)', SCORES, 'scores', () => rocAuc(labels, scores)),
  time('rocAuc (float64, built-in sort)', SCORES, 'scores', () => rocAuc(labels, scores64)),
  time('prAuc (float32)', SCORES, 'scores', () => prAuc(labels, scores)),
  time('selectThreshold max-f1 (float32)', SCORES, 'scores', () => selectThreshold(labels, scores)),
  time('classificationReport (float32)', SCORES, 'scores', () => classificationReport(labels, scores)),
  time('relevanceFromRatings', heldOut, 'rows', () =>
    relevanceFromRatings({ user: ratingUser, item: ratingItem, rating, users: USERS }),
  ),
  time('ndcgAtK k=10 (binary)', USERS, 'users', () => ndcgAtK(lists, relevance, { k: 10 })),
  time('ndcgAtK k=10 (graded)', USERS, 'users', () => ndcgAtK(lists, relevance, { k: 10, gain: 'graded' })),
  time('rankingReport k=10 + coverage', USERS, 'users', () =>
    rankingReport(lists, relevance, { k: 10, catalogSize: CATALOG }),
  ),
];

const output = {
  package: '@reco/eval',
  date: new Date().toISOString(),
  node: process.version,
  sizes: {
    scores: SCORES,
    users: USERS,
    listLength: LIST_LENGTH,
    heldOutPerUser: HELD_OUT_PER_USER,
    catalog: CATALOG,
  },
  results,
};
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results', 'eval.json');
mkdirSync(dirname(file), { recursive: true });
// Atomic write: a reader never sees half a file.
const temp = `${file}.${process.pid}.tmp`;
writeFileSync(temp, `${JSON.stringify(output, null, 2)}\n`);
renameSync(temp, file);
console.log(JSON.stringify(output, null, 2));
console.log(`wrote ${file}`);
