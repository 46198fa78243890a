import { describe, expect, it } from 'vitest';
import { trainAls } from './als';
import { CfError } from './errors';
import { foldInAls, foldInMf } from './fold-in';
import { trainMf } from './mf';
import { alsItemScores, mfItemScores } from './scoring';
import { cosine, pearson, plantedRatings } from './test-fixtures';
import { randomSplit, readRatingsCsv, thrownBy } from './test-utils';

const data = readRatingsCsv();
const split = randomSplit(data.user.length, 0.2, 1);
const trainByUser = new Map<number, { items: number[]; ratings: number[] }>();
for (const row of split.train) {
  const u = data.user[row]!;
  const entry = trainByUser.get(u) ?? { items: [], ratings: [] };
  entry.items.push(data.item[row]!);
  entry.ratings.push(data.rating[row]!);
  trainByUser.set(u, entry);
}
const users = [...trainByUser.keys()].filter((_, j) => j % 20 === 0);

describe('foldInMf', () => {
  it("recovers a training user's vector from the user's own ratings", async () => {
    const model = await trainMf({ ...data, rows: split.train, seed: 3 });
    const f = model.factors;
    for (const u of users) {
      const own = trainByUser.get(u)!;
      const folded = foldInMf(model, own);
      const trained = model.userFactors.subarray(u * f, (u + 1) * f);
      // Fold-in returns the exact ridge solution; SGD only approaches it: 20 epochs give a user
      // with 16 ratings 320 small steps, while the item vectors keep moving under it. So the
      // agreement is loose for light users and tight for heavy ones (observed: cosine 0.86-0.97
      // below 100 ratings, >= 0.98 above; a wrong penalty scaling or bias term drops well below).
      const heavy = own.items.length >= 100;
      expect(cosine(folded.factors, trained)).toBeGreaterThan(heavy ? 0.97 : 0.85);
      expect(pearson(mfItemScores(model, folded), mfItemScores(model, u))).toBeGreaterThan(
        heavy ? 0.995 : 0.97,
      );
      expect(Math.abs(folded.bias - model.userBias[u]!)).toBeLessThan(0.15);
    }
  });

  it('returns the minimiser of the documented ridge objective', async () => {
    const planted = plantedRatings({ nUsers: 40, nItems: 30, perUser: 10, seed: 4, noise: 0.3 });
    const model = await trainMf({ ...planted, seed: 1, factors: 5, epochs: 10 });
    const items = [1, 4, 7, 9, 12, 20];
    const ratings = [4, 2.5, 5, 3, 1, 4.5];
    const folded = foldInMf(model, { items, ratings });
    const n = items.length;
    const objective = (bias: number, p: ArrayLike<number>): number => {
      let sum = 0;
      items.forEach((i, t) => {
        let dot = 0;
        for (let k = 0; k < 5; k++) dot += p[k]! * model.itemFactors[i * 5 + k]!;
        sum += (ratings[t]! - model.globalMean - model.itemBias[i]! - bias - dot) ** 2;
      });
      let norm = 0;
      for (let k = 0; k < 5; k++) norm += p[k]! ** 2;
      return sum + n * (model.biasRegularization * bias ** 2 + model.regularization * norm);
    };
    const best = objective(folded.bias, folded.factors);
    // Any small step away from the solution, in any coordinate, makes the objective worse.
    for (let k = -1; k < 5; k++) {
      for (const step of [1e-2, -1e-2]) {
        const p = Array.from(folded.factors);
        let bias = folded.bias;
        if (k < 0) bias += step;
        else p[k]! += step;
        expect(objective(bias, p)).toBeGreaterThan(best);
      }
    }
  });

  it('gives a zero vector without ratings and rejects unknown items', async () => {
    const planted = plantedRatings({ nUsers: 10, nItems: 10, perUser: 5, seed: 5 });
    const model = await trainMf({ ...planted, seed: 1, factors: 3, epochs: 2 });
    const empty = foldInMf(model, { items: [], ratings: [] });
    expect(empty.bias).toBe(0);
    expect(Array.from(empty.factors)).toEqual([0, 0, 0]);
    const unknown = thrownBy(() => foldInMf(model, { items: [10], ratings: [4] }));
    expect(unknown).toBeInstanceOf(CfError);
    expect(unknown).toMatchObject({ code: 'invalid-input', field: 'items' });
    expect(thrownBy(() => foldInMf(model, { items: [1, 2], ratings: [4] }))).toMatchObject({
      code: 'invalid-input',
    });
  });
});

describe('foldInAls', () => {
  it("reproduces a training user's vector from the user's own ratings", async () => {
    const model = await trainAls({ ...data, rows: split.train, seed: 3, iterations: 8 });
    const f = model.factors;
    for (const u of users) {
      const folded = foldInAls(model, trainByUser.get(u)!);
      const trained = model.userFactors.subarray(u * f, (u + 1) * f);
      let diff = 0;
      let norm = 0;
      for (let k = 0; k < f; k++) {
        diff += (folded[k]! - trained[k]!) ** 2;
        norm += trained[k]! ** 2;
      }
      // Users are solved last against the final item factors, so the only gap is that training
      // stops after 2 warm-started CG steps where fold-in solves exactly: a few percent at most.
      expect(Math.sqrt(diff / norm)).toBeLessThan(0.05);
      expect(pearson(alsItemScores(model, folded), alsItemScores(model, u))).toBeGreaterThan(0.999);
    }
  });

  it('ignores ratings below the like threshold and returns zeros without likes', async () => {
    const planted = plantedRatings({ nUsers: 30, nItems: 20, perUser: 8, seed: 6, noise: 0.5 });
    const model = await trainAls({ ...planted, seed: 1, factors: 4, iterations: 3 });
    const likesOnly = foldInAls(model, { items: [1, 2], ratings: [4, 5] });
    const withDislikes = foldInAls(model, { items: [1, 2, 3, 4], ratings: [4, 5, 1, 2] });
    expect(Array.from(withDislikes)).toEqual(Array.from(likesOnly));
    expect(Array.from(foldInAls(model, { items: [3], ratings: [1] }))).toEqual([0, 0, 0, 0]);
  });
});
