/**
 * Test-only helpers (not exported from index.ts): a minimal ml-latest-small reader and a seeded
 * split. The real loader lives in @reco/data; this keeps cf-svd's tests independent of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRng } from '@reco/core';

export const ML_LATEST_SMALL_RATINGS = fileURLToPath(
  new URL('../../../datasets/ml-latest-small/ratings.csv', import.meta.url),
);

export interface TestRatings {
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
}

/** Parses `userId,movieId,rating,timestamp` and maps ids to dense indices in ascending id order. */
export function readRatingsCsv(path: string = ML_LATEST_SMALL_RATINGS): TestRatings {
  const lines = readFileSync(path, 'utf8').split('\n');
  const userIds: number[] = [];
  const movieIds: number[] = [];
  const ratings: number[] = [];
  for (let l = 1; l < lines.length; l++) {
    const line = lines[l]!;
    if (line.length === 0) continue;
    const [u, m, r] = line.split(',');
    userIds.push(Number(u));
    movieIds.push(Number(m));
    ratings.push(Number(r));
  }
  const denseIndex = (ids: number[]): { index: Map<number, number>; size: number } => {
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    return { index: new Map(sorted.map((id, i) => [id, i])), size: sorted.length };
  };
  const users = denseIndex(userIds);
  const movies = denseIndex(movieIds);
  return {
    user: Uint32Array.from(userIds, (id) => users.index.get(id)!),
    item: Uint32Array.from(movieIds, (id) => movies.index.get(id)!),
    rating: Float32Array.from(ratings),
    nUsers: users.size,
    nItems: movies.size,
  };
}

/** Seeded random split of row indices: a `testFraction` share goes to test, the rest to train. */
export function randomSplit(
  n: number,
  testFraction: number,
  seed: number,
): { train: Uint32Array; test: Uint32Array } {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  createRng(seed).shuffle(order);
  const nTest = Math.round(n * testFraction);
  return { test: order.slice(0, nTest).sort(), train: order.slice(nTest).sort() };
}

export function rmse(predicted: Float32Array, rating: Float32Array, rows: Uint32Array): number {
  let sum = 0;
  for (let t = 0; t < rows.length; t++) sum += (predicted[t]! - rating[rows[t]!]!) ** 2;
  return Math.sqrt(sum / rows.length);
}

/** What `fn` throws (so a test can match its `code` and `field`); fails the test if nothing is thrown. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
