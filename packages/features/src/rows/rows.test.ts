import { describe, expect, it } from 'vitest';
import { FeaturePipeline, fitFeaturePipeline } from '../pipeline';
import { stratifiedSplit } from '../stratified-split';
import { makeTags, randomDataset, storeRows } from '../test-fixtures';

const { ratings, movies } = randomDataset({ nUsers: 30, nMovies: 40, ratingsPerUser: [6, 25], seed: 9 });
const tags = makeTags([
  [0, 'space'],
  [1, 'space'],
  [2, 'funny'],
  [3, 'funny'],
]);
const dataset = { ratings, movies, tags };
const split = stratifiedSplit(ratings, { seed: 3 });
const families = { baseline: true, taste: true, time: true };
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('row families (baseline, taste, time)', () => {
  it('adds their named columns, and none when they are off', async () => {
    const on = await fitFeaturePipeline({
      dataset,
      trainRows: split.train,
      seed: 1,
      families,
      contentDims: 4,
    });
    const off = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 1, contentDims: 4 });
    expect(on.featureNames).toContain('baseline_prediction');
    expect(on.featureNames).toContain('taste_content_like_dislike');
    expect(on.featureNames).toContain('time_user_drift');
    expect(on.nFeatures - off.nFeatures).toBe(10);
    expect(off.featureNames.some((n) => n.startsWith('baseline_') || n.startsWith('time_'))).toBe(false);
  });

  it('the unscaled baseline prediction on eval rows is μ + b_u + b_i, and it tracks the ratings', async () => {
    const p = await fitFeaturePipeline({
      dataset,
      trainRows: split.train,
      seed: 1,
      families: { user: false, movie: false, interaction: false, content: false, baseline: true },
      scale: false,
    });
    const rows = split.test;
    const m = p.transformRows(rows, { part: 'eval' });
    for (let i = 0; i < m.nRows; i++) {
      const [prediction, bu, bi] = [m.data[i * 3]!, m.data[i * 3 + 1]!, m.data[i * 3 + 2]!];
      expect(prediction - bu - bi).toBeCloseTo(p.report!.globalMean, 4);
    }
    // On the training rows (out of fold) the prediction correlates with the rating.
    const train = p.transformRows(split.train, { part: 'train' });
    const x = Array.from({ length: train.nRows }, (_, i) => train.data[i * 3]!);
    const y = Array.from(split.train, (r) => ratings.rating[r]!);
    expect(correlation(x, y)).toBeGreaterThan(0.1);
  });

  it('round-trips through JSON and folds in a new user with the same formulas', async () => {
    const p = await fitFeaturePipeline({
      dataset,
      trainRows: split.train,
      seed: 1,
      families,
      contentDims: 4,
    });
    const restored = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(p.toJSON())));
    const pairs = { user: Uint32Array.of(0, 3, 7), movie: Uint32Array.of(1, 5, 9) };
    expect(bytes(restored.transformPairs(pairs).data)).toEqual(bytes(p.transformPairs(pairs).data));
    // A training user re-entered as a new user with all their training ratings gets the same row.
    const train = new Set(split.train);
    const user = 2;
    const theirs = storeRows(ratings)
      .map((row, r) => ({ ...row, r }))
      .filter((row) => row.user === user && train.has(row.r))
      .map((row) => ({
        movieId: movies.movies[row.movie]!.movieId,
        rating: row.rating,
        timestamp: row.timestamp,
      }));
    const candidates = [movies.movies[4]!.movieId, movies.movies[11]!.movieId];
    const folded = p.transformForNewUser(theirs, candidates);
    const known = p.transformPairs({ user: Uint32Array.of(user, user), movie: Uint32Array.of(4, 11) });
    const at = p.featureNames.indexOf('taste_content_residual');
    const drift = p.featureNames.indexOf('time_user_drift');
    for (const col of [at, at + 1, drift]) {
      expect(folded.data[col]).toBeCloseTo(known.data[col]!, 4);
      expect(folded.data[p.nFeatures + col]).toBeCloseTo(known.data[p.nFeatures + col]!, 4);
    }
  });
});

function correlation(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
