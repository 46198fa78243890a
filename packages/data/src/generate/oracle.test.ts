import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMovieLens } from '../generate';
import { createSynthOracle } from './oracle';

let root: string;
/** userId → movieId → rating, read back from the written ratings.csv. */
const ratings = new Map<number, Map<number, number>>();
let params: Parameters<typeof createSynthOracle>[0];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'reco-oracle-'));
  const synth = await generateMovieLens({ out: join(root, 'synth'), ratings: 60_000, seed: 5 });
  params = synth.params;
  const lines = readFileSync(join(synth.dir, 'ratings.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [u, m, r] = line.split(',').map(Number);
    if (!ratings.has(u!)) ratings.set(u!, new Map());
    ratings.get(u!)!.set(m!, r!);
  }
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Share of each user's liked movies found in the top `k` of a per-user ranking. */
function likedRecall(rank: (userId: number) => number[], k: number): number {
  let found = 0;
  let liked = 0;
  for (const [u, rated] of ratings) {
    const likes = new Set([...rated].filter(([, r]) => r >= 3.5).map(([m]) => m));
    const top = rank(u).slice(0, k);
    liked += likes.size;
    for (const m of top) if (likes.has(m)) found++;
  }
  return found / liked;
}

describe('createSynthOracle', () => {
  it('ranks the movies a user rates and likes far above a most-popular list', () => {
    const oracle = createSynthOracle(params);
    const ids = Array.from(oracle.movieIds);
    const counts = new Map<number, number>();
    for (const rated of ratings.values())
      for (const m of rated.keys()) counts.set(m, (counts.get(m) ?? 0) + 1);
    const popular = [...ids].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    const scores = new Float64Array(ids.length);
    const byOracle = (u: number) => {
      oracle.scoreUser(u, scores);
      return ids
        .map((id, m) => [id, scores[m]!] as const)
        .sort((a, b) => b[1] - a[1])
        .map(([id]) => id);
    };
    const oracleRecall = likedRecall(byOracle, 50);
    const popularRecall = likedRecall(() => popular, 50);
    expect(oracleRecall).toBeGreaterThan(1.2 * popularRecall);
  });

  it('gives every movie a probability-like score in [0, 1] times its popularity', () => {
    const oracle = createSynthOracle(params);
    const scores = new Float64Array(oracle.movieIds.length);
    oracle.scoreUser(1, scores);
    for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
    expect(new Set(scores).size).toBeGreaterThan(scores.length / 2);
  });
});
