import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle, readBundleJson, writeBundle } from '@reco/bundle';
import { createRawRng } from '@reco/core';
import { createDataset } from '@reco/data';
import { rocAuc } from '@reco/eval';
import type { FeatureImportance } from '@reco/models';
import { describe, expect, it } from 'vitest';
import {
  curves,
  type DatasetReport,
  datasetReport,
  downsample,
  MAX_CURVE_POINTS,
  type ModelReport,
  modelReport,
  powerOfTwoBins,
  REPORT_PATHS,
  writeReportFiles,
} from './report-files';

const DAY = 86_400;
const JAN_2000 = 946_684_800;

function smallDataset() {
  return createDataset({
    movies: [
      {
        movieId: 1,
        title: 'Toy Story (1995)',
        genres: ['Animation', 'Comedy'],
        imdbId: '0114709',
        tmdbId: 862,
      },
      { movieId: 2, title: 'Heat (1995)', genres: ['Action'] },
      { movieId: 3, title: 'Unrated (2001)', genres: ['Drama'] },
    ],
    ratings: {
      userId: [1, 1, 2, 3, 3],
      movieId: [1, 2, 1, 1, 2],
      rating: [5, 2, 4, 3.5, 1],
      timestamp: [JAN_2000, JAN_2000 + DAY, JAN_2000 + 40 * DAY, JAN_2000 + 40 * DAY, JAN_2000 + 80 * DAY],
    },
  });
}

/** Scores that carry signal: positives drawn higher than negatives, seeded. */
function noisyScores(n: number, seed: number) {
  const rng = createRawRng(seed);
  const random = () => rng.nextFloat();
  const labels = new Uint8Array(n);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = random() < 0.55 ? 1 : 0;
    scores[i] = Math.min(1, Math.max(0, 0.5 * random() + (labels[i] ? 0.35 : 0.1)));
  }
  return { labels, scores };
}

describe('datasetReport', () => {
  const report = datasetReport(smallDataset(), 3.5, 1);

  it('counts users, movies and ratings like describeDataset, with the like rate at the threshold', () => {
    expect(report.overview).toMatchObject({ users: 3, movies: 3, ratedMovies: 2, ratings: 5 });
    expect(report.overview.meanRating).toBeCloseTo(15.5 / 5, 6);
    expect(report.overview.likeRate).toBeCloseTo(3 / 5, 6);
    expect(report.overview.sparsity).toBeCloseTo(1 - 5 / 9, 6);
  });

  it('bins ratings per user and per movie by powers of two, and months in order', () => {
    // users rate 2, 1, 2 movies; movies are rated 3, 2 and 0 times
    expect(report.ratingsPerUser).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 4, count: 2 },
    ]);
    expect(report.ratingsPerMovie).toEqual([
      { from: 1, to: 2, count: 0 },
      { from: 2, to: 4, count: 2 },
    ]);
    expect(report.ratingsByMonth.map((m) => [m.month, m.count])).toEqual([
      ['2000-01', 2],
      ['2000-02', 2],
      ['2000-03', 1],
    ]);
  });

  it('gives each genre its movies, ratings and mean rating, most rated first', () => {
    const byGenre = Object.fromEntries(report.genres.map((g) => [g.genre, g]));
    expect(byGenre.Animation).toMatchObject({ movies: 1, ratings: 3 });
    expect(byGenre.Animation!.meanRating).toBeCloseTo(12.5 / 3, 6);
    expect(byGenre.Drama).toMatchObject({ movies: 1, ratings: 0, meanRating: null });
    expect(report.genres[report.genres.length - 1]!.ratings).toBe(0);
  });

  it('keeps every row in the sample when there are few, with titles and links', () => {
    expect(report.sample).toHaveLength(5);
    const toy = report.sample.find((s) => s.userId === 1 && s.movieId === 1)!;
    expect(toy).toMatchObject({ title: 'Toy Story', year: 1995, rating: 5, imdbId: '0114709', tmdbId: 862 });
  });
});

describe('curves', () => {
  it('has an area under the ROC points close to the exact ROC AUC, within 200 points', () => {
    const { labels, scores } = noisyScores(20_000, 3);
    const { roc, pr, positives } = curves(labels, scores);
    expect(roc.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(pr.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(positives).toBe(labels.reduce((a, b) => a + b, 0));
    let area = 0;
    for (let k = 1; k < roc.length; k++) {
      area += ((roc[k]!.x - roc[k - 1]!.x) * (roc[k]!.y + roc[k - 1]!.y)) / 2;
    }
    expect(area).toBeCloseTo(rocAuc(labels, scores), 2);
    expect(roc[roc.length - 1]).toMatchObject({ x: 1, y: 1 });
    expect(pr[pr.length - 1]!.x).toBe(1);
  });

  it('downsample keeps both ends and at most max points', () => {
    const points = Array.from({ length: 1001 }, (_, i) => i);
    const out = downsample(points, 200);
    expect(out).toHaveLength(200);
    expect(out[0]).toBe(0);
    expect(out[199]).toBe(1000);
    expect(powerOfTwoBins(new Uint32Array([0, 1, 3, 9]))).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 4, count: 1 },
      { from: 4, to: 8, count: 0 },
      { from: 8, to: 16, count: 1 },
    ]);
  });
});

describe('modelReport and writeReportFiles', () => {
  const { labels, scores } = noisyScores(2_000, 9);
  const importance = (type?: string): FeatureImportance => ({
    type: 'gain',
    names: ['a', 'b'],
    values: type === 'gain' ? new Float64Array([0.5, -2]) : new Float64Array([0, 0]),
  });
  const input = {
    dataset: smallDataset(),
    likeThreshold: 3.5,
    seed: 1,
    testLabels: labels,
    models: [
      {
        model: 'xgb',
        variant: 'baseline',
        classifier: { kind: 'xgboost' as const, featureImportance: importance },
        testScores: scores,
      },
    ],
    chosen: { model: 'xgb', variant: 'baseline', threshold: 0.5 },
    timings: { load: 1.5, train: 3 },
    peakRssBytes: 123,
  };

  it('computes the confusion matrix at the chosen threshold and sorts importance by magnitude', () => {
    const report = modelReport(input);
    let tp = 0;
    for (let i = 0; i < labels.length; i++) if (labels[i] === 1 && scores[i]! >= 0.5) tp++;
    expect(report.confusion.tp).toBe(tp);
    const { tp: t, fp, tn, fn } = report.confusion;
    expect(t + fp + tn + fn).toBe(labels.length);
    expect(report.models[0]!.importance!.features.map((f) => f.name)).toEqual(['b', 'a']);
    expect(report.stages).toEqual([
      { stage: 'load', seconds: 1.5 },
      { stage: 'train', seconds: 3 },
    ]);
    const cal = report.models[0]!.calibration;
    expect(cal.reduce((a, b) => a + b.count, 0)).toBe(labels.length);
  });

  it('writes both files into a bundle whose manifest verifies them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-report-'));
    try {
      const out = join(dir, 'bundle');
      await writeBundle({
        dir: out,
        build: async (writer) => {
          await writeReportFiles(writer, input);
          await writer.write('models/xgb-baseline.json', '{"learner":{}}');
          return {
            createdAt: new Date(0).toISOString(),
            writtenBy: 'report-files test',
            bestModel: { model: 'xgb', variant: 'baseline', threshold: 0.5 },
            models: [
              { model: 'xgb', variant: 'baseline', kind: 'xgboost', path: 'models/xgb-baseline.json' },
            ],
            info: {},
          };
        },
      });
      const bundle = await readBundle(out);
      const data = (await readBundleJson(bundle, REPORT_PATHS.datasetSummary)) as DatasetReport;
      const model = (await readBundleJson(bundle, REPORT_PATHS.modelReport)) as ModelReport;
      expect(data.overview.ratings).toBe(5);
      expect(model.chosen.model).toBe('xgb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
