import { describe, expect, it } from 'vitest';
import { CfError } from './errors';
import { predictMf, predictMfRows, trainMf } from './mf';
import { bytesOf, plantedRatings } from './test-fixtures';
import { randomSplit, readRatingsCsv, rmse } from './test-utils';

describe('trainMf', () => {
  it('learns a planted low-rank model far better than the global mean', async () => {
    const data = plantedRatings({ nUsers: 300, nItems: 200, perUser: 60, rank: 3, noise: 0.1, seed: 1 });
    const split = randomSplit(data.user.length, 0.2, 1);
    const model = await trainMf({ ...data, rows: split.train, seed: 1, factors: 8, epochs: 60 });
    const predicted = predictMfRows(model, { user: data.user, item: data.item, rows: split.test });
    const mean = split.train.reduce((s, r) => s + data.rating[r]!, 0) / split.train.length;
    const baseline = rmse(new Float32Array(split.test.length).fill(mean), data.rating, split.test);
    expect(rmse(predicted, data.rating, split.test)).toBeLessThan(0.4 * baseline);
  });

  it('is byte-for-byte deterministic for a seed, and the seed matters', async () => {
    const data = plantedRatings({ nUsers: 80, nItems: 60, perUser: 20, seed: 2, noise: 0.3 });
    const a = await trainMf({ ...data, seed: 9, epochs: 5, factors: 6 });
    const b = await trainMf({ ...data, seed: 9, epochs: 5, factors: 6 });
    const c = await trainMf({ ...data, seed: 10, epochs: 5, factors: 6 });
    expect(bytesOf(b.userFactors)).toEqual(bytesOf(a.userFactors));
    expect(bytesOf(b.itemFactors)).toEqual(bytesOf(a.itemFactors));
    expect(bytesOf(b.itemBias)).toEqual(bytesOf(a.itemBias));
    expect(bytesOf(c.itemFactors)).not.toEqual(bytesOf(a.itemFactors));
  });

  it('trains on exactly the selected rows', async () => {
    const data = plantedRatings({ nUsers: 50, nItems: 40, perUser: 15, seed: 3, noise: 0.3 });
    const rows = Uint32Array.from({ length: data.user.length }, (_, t) => t).filter((t) => t % 3 !== 0);
    const viaRows = await trainMf({ ...data, rows, seed: 4, epochs: 3, factors: 4 });
    const copied = await trainMf({
      nUsers: data.nUsers,
      nItems: data.nItems,
      user: data.user.filter((_, t) => t % 3 !== 0),
      item: data.item.filter((_, t) => t % 3 !== 0),
      rating: data.rating.filter((_, t) => t % 3 !== 0),
      seed: 4,
      epochs: 3,
      factors: 4,
    });
    expect(bytesOf(viaRows.userFactors)).toEqual(bytesOf(copied.userFactors));
    expect(viaRows.globalMean).toBe(copied.globalMean);
  });

  it('clips predictions to the rating scale and zeroes users and items it never saw', async () => {
    // User 0 rates everything 5, user 1 everything 0.5: unclipped scores overshoot both ends.
    const user = Uint32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const item = Uint32Array.from([0, 1, 2, 3, 0, 1, 2, 3]);
    const rating = Float32Array.from([5, 5, 5, 5, 0.5, 0.5, 0.5, 0.5]);
    const model = await trainMf({
      user,
      item,
      rating,
      nUsers: 3,
      nItems: 5,
      seed: 1,
      epochs: 200,
      learningRate: 0.05,
    });
    expect(model.ratingScale).toEqual({ min: 0.5, max: 5 });
    for (let i = 0; i < 4; i++) {
      expect(predictMf(model, 0, i)).toBeLessThanOrEqual(5);
      expect(predictMf(model, 1, i)).toBeGreaterThanOrEqual(0.5);
    }
    expect(predictMf(model, 0, 0)).toBeGreaterThan(4.5);
    // User 2 and item 4 have no ratings: no bias, no factors, so they predict μ (+ the other bias).
    expect(model.userBias[2]).toBe(0);
    expect(Array.from(model.userFactors.subarray(2 * 64, 3 * 64)).every((x) => x === 0)).toBe(true);
    expect(Array.from(model.itemFactors.subarray(4 * 64, 5 * 64)).every((x) => x === 0)).toBe(true);
    expect(predictMf(model, 2, 4)).toBeCloseTo(model.globalMean, 6);
  });

  it('reports progress once per epoch with a falling training error', async () => {
    const data = plantedRatings({ nUsers: 100, nItems: 80, perUser: 30, seed: 5, noise: 0.2 });
    const progress: number[] = [];
    const trainRmse: number[] = [];
    await trainMf({
      ...data,
      seed: 1,
      epochs: 6,
      onProgress: (p) => {
        expect(p).toMatchObject({ stage: 'mf-sgd', total: 6, unit: 'epochs' });
        progress.push(p.done);
      },
      onEpoch: (e) => trainRmse.push(e.trainRmse),
    });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(trainRmse[5]!).toBeLessThan(trainRmse[0]!);
  });

  it('gives the same bytes with worker threads as with one thread', async () => {
    // Threads only ever run strata with disjoint users and items, so nothing races.
    const data = plantedRatings({ nUsers: 500, nItems: 150, perUser: 12, rank: 2, noise: 0.2, seed: 6 });
    const options = { ...data, seed: 3, factors: 4, epochs: 5 };
    const single = await trainMf(options);
    const threaded = await trainMf({ ...options, threads: 2 });
    expect(bytesOf(threaded.userFactors)).toEqual(bytesOf(single.userFactors));
    expect(bytesOf(threaded.itemFactors)).toEqual(bytesOf(single.itemFactors));
    expect(bytesOf(threaded.itemBias)).toEqual(bytesOf(single.itemBias));
    // Returned arrays are ordinary memory, not the workers' SharedArrayBuffer.
    expect(threaded.userFactors.buffer).toBeInstanceOf(ArrayBuffer);
    await expect(trainMf({ ...options, threads: 17 })).rejects.toMatchObject({
      code: 'invalid-option',
      field: 'threads',
    });
  });

  it('rejects indices outside nUsers / nItems with a readable error', async () => {
    const user = Uint32Array.from([0, 3]);
    const item = Uint32Array.from([0, 1]);
    const rating = Float32Array.from([4, 3]);
    await expect(trainMf({ user, item, rating, nUsers: 2, nItems: 2, seed: 1 })).rejects.toThrow(CfError);
    await expect(trainMf({ user, item, rating, nUsers: 2, nItems: 2, seed: 1 })).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'user',
    });
    await expect(
      trainMf({ user, item, rating, nUsers: 4, nItems: 2, seed: 1, factors: 0 }),
    ).rejects.toMatchObject({ code: 'invalid-option', field: 'factors' });
  });
});

describe('trainMf on ml-latest-small', () => {
  it('reaches test RMSE <= 0.86 on a seeded random 80/20 split with default settings', async () => {
    const data = readRatingsCsv();
    expect(data.user.length).toBe(100_836);
    const split = randomSplit(data.user.length, 0.2, 1);
    const model = await trainMf({ ...data, rows: split.train, seed: 7 });
    const predicted = predictMfRows(model, { user: data.user, item: data.item, rows: split.test });
    const testRmse = rmse(predicted, data.rating, split.test);
    // Anchors: a bias + truncated-SVD baseline gets 0.878 here; the issue asks <= 0.87, aims <= 0.86.
    expect(testRmse).toBeLessThanOrEqual(0.86);
    for (const p of predicted) {
      expect(p).toBeGreaterThanOrEqual(0.5);
      expect(p).toBeLessThanOrEqual(5);
    }
  });
});
