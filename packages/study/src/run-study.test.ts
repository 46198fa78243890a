import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_PATHS, predictionKey, readBundle, readBundleArray } from '@reco/bundle';
import type { ComparisonRow } from '@reco/eval';
import { loadRecommender, readPredictions, readStoredData } from '@reco/serving';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBundle } from './evaluate-bundle';
import { runStudy, type StudyResult } from './run-study';

/**
 * One study on the bundled ml-latest-small, shared by every test below. It keeps the default
 * features, split (stratified 70/15/15), like threshold (3.5) and seed (42), but trains only
 * baselines of lr and xgb, without the CF comparison or ALS and with a 100-user ranking sample, so
 * the suite stays fast; the full default run (tuning, rf, CF) is measured in `pnpm bench`.
 */
let root: string;
let result: StudyResult;
let out: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'reco-study-'));
  out = join(root, 'artifacts');
  result = await runStudy({
    models: ['lr', 'xgb'],
    tune: 'none',
    cf: 'off',
    als: false,
    rankingUsers: 100,
    out,
  });
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runStudy on ml-latest-small', () => {
  it('reaches an honest test ROC AUC of at least 0.80 with the best model', () => {
    const test = result.comparison.find(
      (r) => r.model === result.best.model && r.variant === result.best.variant && r.split === 'test',
    )!;
    expect(result.split.method).toBe('stratified');
    expect(result.split.counts.train + result.split.counts.validation + result.split.counts.test).toBe(
      100_836,
    );
    expect(test.rocAuc).toBeGreaterThanOrEqual(0.8);
  });

  it('chooses the best model by validation ROC AUC, the manifest agrees', async () => {
    const val = result.comparison.filter((r) => r.split === 'val');
    expect(val).toHaveLength(2);
    const top = val.reduce((a, b) => (b.rocAuc > a.rocAuc ? b : a));
    expect(result.best).toMatchObject({ model: top.model, variant: top.variant, threshold: top.threshold });
    const { manifest } = await readBundle(out);
    expect(manifest.bestModel).toEqual(result.best);
  });

  it('writes comparison.json with the documented keys', () => {
    const rows = JSON.parse(readFileSync(join(out, BUNDLE_PATHS.comparisonJson), 'utf8')) as ComparisonRow[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      for (const key of [
        'model',
        'variant',
        'split',
        'accuracy',
        'precision',
        'recall',
        'f1',
        'rocAuc',
        'prAuc',
        'logLoss',
        'threshold',
      ]) {
        expect(row).toHaveProperty(key);
      }
    }
    // Threshold chosen on validation, applied unchanged to test.
    for (const model of ['lr', 'xgb']) {
      const pair = rows.filter((r) => r.model === model);
      expect(pair[0]!.threshold).toBe(pair[1]!.threshold);
    }
  });

  it('every manifest file exists and verifies; corrupting one makes readBundle name it', async () => {
    const bundle = await readBundle(out);
    const files = Object.keys(bundle.manifest.files);
    for (const path of [
      'manifest.json',
      BUNDLE_PATHS.pipeline,
      BUNDLE_PATHS.top10,
      BUNDLE_PATHS.comparisonCsv,
      BUNDLE_PATHS.comparisonMarkdown,
      'models/xgb-baseline.json',
      'models/lr-baseline.json',
      BUNDLE_PATHS.mf,
    ]) {
      if (path !== 'manifest.json') expect(files).toContain(path);
    }
    const copy = join(root, 'corrupt');
    cpSync(out, copy, { recursive: true, dereference: true });
    const target = join(copy, 'models/lr-baseline.json');
    writeFileSync(target, `${readFileSync(target, 'utf8')} `);
    await expect(readBundle(copy)).rejects.toMatchObject({
      code: 'bad-artifacts',
      field: '/files/models/lr-baseline.json/bytes',
    });
  });

  it('comparison metrics match a recomputation from the saved predictions', async () => {
    const bundle = await readBundle(out);
    const data = await readStoredData(bundle);
    const predictions = await readPredictions(bundle);
    for (const row of result.comparison) {
      const rows = row.split === 'val' ? data.split.validation : data.split.test;
      const labels = Uint8Array.from(rows, (r) => (data.ratings.rating[r]! >= 3.5 ? 1 : 0));
      const scores = predictions[predictionKey(row.model, row.variant, row.split)] as Float32Array;
      expect(scores).toHaveLength(rows.length);
      const expected = bruteForceMetrics(labels, scores, row.threshold);
      expect(row.rocAuc).toBeCloseTo(expected.rocAuc, 9);
      expect(row.accuracy).toBeCloseTo(expected.accuracy, 12);
      expect(row.precision).toBeCloseTo(expected.precision, 12);
      expect(row.recall).toBeCloseTo(expected.recall, 12);
      expect(row.f1).toBeCloseTo(expected.f1, 12);
      expect(row.logLoss).toBeCloseTo(expected.logLoss, 9);
    }
  });

  it('repeats the split, the scores and the pipeline state as .npy, declared in the manifest and checksummed', async () => {
    const bundle = await readBundle(out);
    const arrays = bundle.manifest.arrays!;
    for (const entry of Object.values(arrays)) expect(bundle.manifest.files).toHaveProperty([entry.file]);
    const npy = Object.keys(bundle.manifest.files).filter((path) => path.startsWith('arrays/'));
    expect(npy.sort()).toEqual(
      Object.values(arrays)
        .map((entry) => entry.file)
        .sort(),
    );
    const data = readStoredData(bundle);
    const predictions = readPredictions(bundle);
    expect(readBundleArray(bundle, 'split/test').data).toEqual(data.split.test);
    expect(readBundleArray(bundle, 'split/train').data).toEqual(data.split.train);
    const key = predictionKey(result.best.model, result.best.variant, 'val');
    expect(readBundleArray(bundle, `scores/${key}`).data).toEqual(predictions[key]);
    const table = readBundleArray(bundle, 'pipeline/user_table');
    expect(table.shape).toEqual([610, arrays['pipeline/user_table']!.columns!.length]);
    expect(arrays['pipeline/user_table']).toMatchObject({ dtype: '<f4', shape: table.shape });
    expect(readBundleArray(bundle, 'cf/mf/user_factors').shape[0]).toBe(610);
    expect(Object.keys(arrays).some((name) => name.startsWith('pipeline/cf_'))).toBe(false); // cf: 'off'
  });

  it('evaluateBundle re-scores the saved models to the saved metrics', async () => {
    const evaluation = await evaluateBundle(out);
    expect(evaluation.comparison).toHaveLength(result.comparison.length);
    expect(evaluation.maxDifference).toBeLessThan(1e-9);
    const auc = (rows: readonly ComparisonRow[]) => rows.map((r) => r.rocAuc);
    expect(auc(evaluation.comparison)).toEqual(auc(result.comparison));
  });

  it('writes the ranking comparison of every strategy on both holdouts', () => {
    const ranking = JSON.parse(readFileSync(join(out, BUNDLE_PATHS.rankingJson), 'utf8'));
    expect(ranking.users).toBeGreaterThan(0);
    expect(ranking.users).toBeLessThanOrEqual(100);
    const strategies = ranking.results.map((r: { strategy: string }) => r.strategy);
    expect(strategies).toEqual(
      expect.arrayContaining([
        'popularity',
        'ease',
        'item-knn',
        'rp3beta',
        'als',
        'classifier',
        'hybrid',
        'rerank',
      ]),
    );
    expect(ranking.random.map((r: { holdout: string }) => r.holdout)).toEqual(
      ranking.random.map(() => 'random'),
    );
    for (const row of [...ranking.results, ...ranking.random]) {
      for (const key of ['ndcg', 'recall20', 'map', 'hitRate', 'coverage']) {
        expect(row[key]).toBeGreaterThanOrEqual(0);
        expect(row[key]).toBeLessThanOrEqual(1);
      }
    }
    expect(readFileSync(join(out, BUNDLE_PATHS.rankingMarkdown), 'utf8')).toContain('NDCG@10');
  });

  it('serves the strategy that won the inner holdout, by default, from the bundle', async () => {
    const ranking = JSON.parse(readFileSync(join(out, BUNDLE_PATHS.rankingJson), 'utf8'));
    const sweep = ranking.hybridWeightSweep;
    expect(sweep.ndcg[sweep.weights.indexOf(sweep.chosen)]).toBe(Math.max(...sweep.ndcg));
    expect(ranking.hybridWeight).toBe(sweep.chosen);
    const servable = ranking.results.filter(
      (r: { strategy: string; innerNdcg: number | null }) => r.strategy !== 'rerank' && r.innerNdcg !== null,
    );
    const bestInner = Math.max(...servable.map((r: { innerNdcg: number }) => r.innerNdcg));
    const popularity = ranking.results.find((r: { strategy: string }) => r.strategy === 'popularity');
    const served = ranking.served.strategy;
    if (served === 'popularity') expect(bestInner).toBeLessThanOrEqual(popularity.innerNdcg);
    else
      expect(ranking.results.find((r: { strategy: string }) => r.strategy === served).innerNdcg).toBe(
        bestInner,
      );

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.serving.hybridWeight).toBe(sweep.chosen);
    expect(manifest.serving.strategy).toBe(served);
    const recommender = await loadRecommender(out);
    try {
      expect(recommender.serving.strategy).toBe(served);
      expect(recommender.serving.strategies).toEqual(
        expect.arrayContaining(['classifier', 'popularity', served]),
      );
      const user = readTop10User(out);
      const list = recommender.recommend(user, { n: 10 });
      expect(list.strategy).toBe(served);
      expect(list.items.map((i) => i.movieId)).toEqual(readTop10Movies(out, user));
      const missing = (['ease', 'item-knn', 'rp3beta', 'als'] as const).find(
        (s) => !recommender.serving.strategies.includes(s),
      );
      if (missing !== undefined) {
        expect(() => recommender.recommend(user, { strategy: missing })).toThrow(
          expect.objectContaining({ code: 'invalid-input', field: 'strategy' }),
        );
      }
    } finally {
      recommender.dispose();
    }

    const copy = join(root, 'bad-weight');
    cpSync(out, copy, { recursive: true, dereference: true });
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify({ ...manifest, serving: { hybridWeight: 7 } }));
    await expect(loadRecommender(copy)).rejects.toMatchObject({
      code: 'bad-manifest',
      field: '/serving/hybridWeight',
    });
  });

  it('top10.csv lists up to 10 unrated movies for every user, best first', async () => {
    const bundle = await readBundle(out);
    const data = await readStoredData(bundle);
    const lines = readFileSync(join(out, BUNDLE_PATHS.top10), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('userId,rank,movieId,title,score');
    const byUser = new Map<number, { rank: number; movieId: number; score: number }[]>();
    for (const line of lines.slice(1)) {
      const fields = line.split(',');
      const userId = Number(fields[0]);
      const entry = { rank: Number(fields[1]), movieId: Number(fields[2]), score: Number(fields.at(-1)) };
      byUser.set(userId, [...(byUser.get(userId) ?? []), entry]);
    }
    expect(byUser.size).toBe(610);
    const isTrain = new Uint8Array(data.ratings.length);
    for (const r of data.split.train) isTrain[r] = 1;
    for (const [userId, entries] of byUser) {
      expect(entries.map((e) => e.rank)).toEqual(entries.map((_, i) => i + 1));
      expect(entries.length).toBeLessThanOrEqual(10);
      for (let i = 1; i < entries.length; i++)
        expect(entries[i]!.score).toBeLessThanOrEqual(entries[i - 1]!.score);
      const u = data.users.indexOf(userId);
      const rated = new Set<number>();
      for (let r = data.ratings.userOffsets[u]!; r < data.ratings.userOffsets[u + 1]!; r++) {
        if (isTrain[r]) rated.add(data.catalog.movies[data.ratings.movie[r]!]!.movieId);
      }
      for (const e of entries) expect(rated.has(e.movieId)).toBe(false);
    }
  });
});

describe('runStudy input errors', () => {
  it('fails fast, before loading anything, on an unknown model, split or a threshold outside the scale', async () => {
    const dir = join(tmpdir(), 'reco-never-written');
    await expect(runStudy({ models: ['svm' as 'lr'], out: dir })).rejects.toThrow(/unknown model "svm"/);
    await expect(runStudy({ split: 'weekly' as 'time', out: dir })).rejects.toThrow(/unknown split "weekly"/);
    await expect(runStudy({ likeThreshold: 7, out: dir })).rejects.toThrow(/outside the rating scale/);
    await expect(runStudy({ data: 'no-such-release', out: dir })).rejects.toThrow(
      /"no-such-release" is neither a folder nor a dataset/,
    );
  });
});

/**
 * Metrics by definition, independently of @reco/eval: ROC AUC from the Mann-Whitney rank sum
 * (tied scores share their average rank), the rest by counting at the threshold.
 */
function bruteForceMetrics(labels: Uint8Array, scores: Float32Array, threshold: number) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let loss = 0;
  for (let i = 0; i < labels.length; i++) {
    const s = scores[i]!;
    const y = labels[i]!;
    const predicted = s >= threshold;
    if (predicted && y === 1) tp++;
    else if (predicted) fp++;
    else if (y === 1) fn++;
    else tn++;
    const p = Math.min(Math.max(s, 1e-15), 1 - 1e-15);
    loss -= y === 1 ? Math.log(p) : Math.log(1 - p);
  }
  const order = Array.from(scores.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) if (labels[order[j]!] === 1) positiveRankSum += averageRank;
    start = end + 1;
  }
  const positives = tp + fn;
  const negatives = labels.length - positives;
  return {
    rocAuc: (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives),
    accuracy: (tp + tn) / labels.length,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: positives === 0 ? 0 : tp / positives,
    f1: (2 * tp) / (2 * tp + fp + fn),
    logLoss: loss / labels.length,
  };
}

/** The first user id of `recommendations/top10.csv`. */
function readTop10User(dir: string): number {
  return Number(readFileSync(join(dir, BUNDLE_PATHS.top10), 'utf8').split('\n')[1]!.split(',')[0]);
}

/** The movie ids top10.csv lists for `user`, best first. */
function readTop10Movies(dir: string, user: number): number[] {
  return readFileSync(join(dir, BUNDLE_PATHS.top10), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((cells) => Number(cells[0]) === user)
    .map((cells) => Number(cells[2]));
}
