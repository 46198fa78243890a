import { topK as topKItems } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { trainAls } from './als';
import { alsItemScores } from './scoring';
import { bytesOf, pearson, plantedRatings } from './test-fixtures';
import { randomSplit, readRatingsCsv } from './test-utils';

type Ratings = ReturnType<typeof plantedRatings>;

/** The Hu-Koren-Volinsky loss, summed densely over every (user, item) pair: fine for tiny tests. */
function implicitLoss(
  data: Ratings,
  model: Awaited<ReturnType<typeof trainAls>>,
  alpha: number,
  lambda: number,
  threshold: number,
): number {
  const { factors: f, nUsers, nItems, userFactors: x, itemFactors: y } = model;
  const confidence = new Float64Array(nUsers * nItems).fill(1);
  const preference = new Float64Array(nUsers * nItems);
  for (let t = 0; t < data.user.length; t++) {
    if (data.rating[t]! < threshold) continue;
    const cell = data.user[t]! * nItems + data.item[t]!;
    confidence[cell] = 1 + alpha * data.rating[t]!;
    preference[cell] = 1;
  }
  let loss = 0;
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      let s = 0;
      for (let k = 0; k < f; k++) s += x[u * f + k]! * y[i * f + k]!;
      loss += confidence[u * nItems + i]! * (preference[u * nItems + i]! - s) ** 2;
    }
  }
  for (const v of x) loss += lambda * v * v;
  for (const v of y) loss += lambda * v * v;
  return loss;
}

describe('trainAls', () => {
  const data = plantedRatings({ nUsers: 60, nItems: 40, perUser: 12, rank: 2, noise: 0.5, seed: 11 });
  const settings = { factors: 6, alpha: 2, regularization: 0.5, likeThreshold: 3.5 };

  it('lowers the implicit loss from one iteration to the next', async () => {
    const losses: number[] = [];
    for (const iterations of [1, 2, 4, 8]) {
      const model = await trainAls({ ...data, ...settings, iterations, seed: 1 });
      losses.push(implicitLoss(data, model, 2, 0.5, 3.5));
    }
    for (let j = 1; j < losses.length; j++) expect(losses[j]!).toBeLessThan(losses[j - 1]!);
  });

  it('solves each user exactly when CG runs to completion', async () => {
    // With cgSteps = factors, CG is exact, and users are solved last: each x_u must satisfy
    // (YᵀY + λI + Σ (c-1) y yᵀ) x_u = Σ c y, rebuilt here from scratch.
    const model = await trainAls({ ...data, ...settings, iterations: 3, cgSteps: 6, seed: 2 });
    const f = 6;
    const y = model.itemFactors;
    for (let u = 0; u < data.nUsers; u++) {
      const a = Array.from({ length: f * f }, (_, rc) => (rc % (f + 1) === 0 ? 0.5 : 0));
      for (let i = 0; i < data.nItems; i++) {
        for (let r = 0; r < f; r++)
          for (let c = 0; c < f; c++) a[r * f + c]! += y[i * f + r]! * y[i * f + c]!;
      }
      const b = new Array<number>(f).fill(0);
      for (let t = 0; t < data.user.length; t++) {
        if (data.user[t] !== u || data.rating[t]! < 3.5) continue;
        const i = data.item[t]!;
        const c = 1 + 2 * data.rating[t]!;
        for (let r = 0; r < f; r++) {
          b[r]! += c * y[i * f + r]!;
          for (let s = 0; s < f; s++) a[r * f + s]! += (c - 1) * y[i * f + r]! * y[i * f + s]!;
        }
      }
      const bNorm = Math.hypot(...b);
      if (bNorm === 0) continue;
      let residual = 0;
      for (let r = 0; r < f; r++) {
        let ax = 0;
        for (let s = 0; s < f; s++) ax += a[r * f + s]! * model.userFactors[u * f + s]!;
        residual += (ax - b[r]!) ** 2;
      }
      // Float32 factors: a relative residual around 1e-6 is rounding, anything near 1e-2 is a bug.
      expect(Math.sqrt(residual) / bNorm).toBeLessThan(1e-4);
    }
  });

  it('is deterministic for a seed and thread count; two threads agree with one', async () => {
    const big = plantedRatings({ nUsers: 400, nItems: 120, perUser: 20, rank: 3, noise: 0.4, seed: 12 });
    const options = { ...big, factors: 8, iterations: 3, seed: 5 };
    const a = await trainAls(options);
    const b = await trainAls(options);
    expect(bytesOf(b.userFactors)).toEqual(bytesOf(a.userFactors));
    const threaded = await trainAls({ ...options, threads: 2 });
    // Only the summation order of YᵀY differs, so the scores agree to rounding.
    expect(pearson(alsItemScores(threaded, 7), alsItemScores(a, 7))).toBeGreaterThan(0.9999);
    expect(pearson(threaded.itemFactors, a.itemFactors)).toBeGreaterThan(0.9999);
  });
});

describe('trainAls on ml-latest-small', () => {
  it('ranks held-out likes at least 40% better than popularity (recall@10)', async () => {
    const data = readRatingsCsv();
    const split = randomSplit(data.user.length, 0.2, 1);
    const model = await trainAls({ ...data, rows: split.train, seed: 3, iterations: 10 });

    const popularity = new Float32Array(data.nItems);
    const seen = new Map<number, number[]>();
    for (const row of split.train) {
      if (data.rating[row]! >= 3.5) popularity[data.item[row]!]!++;
      const u = data.user[row]!;
      seen.set(u, [...(seen.get(u) ?? []), data.item[row]!]);
    }
    const heldOutLikes = new Map<number, Set<number>>();
    for (const row of split.test) {
      if (data.rating[row]! < 3.5) continue;
      const u = data.user[row]!;
      heldOutLikes.set(u, (heldOutLikes.get(u) ?? new Set()).add(data.item[row]!));
    }
    const recall = (scoresOf: (u: number) => Float32Array): number => {
      let hits = 0;
      let possible = 0;
      for (const [u, liked] of heldOutLikes) {
        const top = topKItems(scoresOf(u), { k: 10, exclude: seen.get(u) ?? [] });
        for (const i of top.items) if (liked.has(i)) hits++;
        possible += Math.min(10, liked.size);
      }
      return hits / possible;
    };
    const alsRecall = recall((u) => alsItemScores(model, u));
    const popularityRecall = recall(() => popularity);
    expect(alsRecall).toBeGreaterThan(1.4 * popularityRecall);
  });
});
