import { type BundleWriter, REPORT_PATHS } from '@reco/bundle';
import { sampleSorted } from '@reco/core';
import { type Dataset, describeDataset, type Movie } from '@reco/data';
import { calibrationTable, confusionMatrix } from '@reco/eval';
import type { Classifier } from '@reco/models';
import { genreStats, ratingsByMonth } from './eda-tables';

/**
 * The report files `reco train` adds to the bundle for the web page: a dataset summary (EDA) and a
 * model report (curves, calibration, confusion, importance, stage timings). Both are small JSON
 * files, so the page never needs the ratings themselves.
 */
export { REPORT_PATHS };

/** Bumped when a report's shape changes; readers check it. */
export const REPORT_VERSION = 1;

/** Most points kept per ROC or PR curve. */
export const MAX_CURVE_POINTS = 200;
/** Score bins the curves are computed on: O(n) whatever the test split's size. */
const CURVE_BINS = 2000;
const SAMPLE_ROWS = 30;
const CALIBRATION_BINS = 10;

export interface CountBin {
  /** Inclusive lower bound of ratings per user (or movie). */
  readonly from: number;
  /** Exclusive upper bound. */
  readonly to: number;
  readonly count: number;
}

export interface DatasetReport {
  readonly version: number;
  readonly source: string;
  readonly likeThreshold: number;
  readonly overview: {
    readonly users: number;
    readonly movies: number;
    readonly ratedMovies: number;
    readonly ratings: number;
    readonly meanRating: number | null;
    /** Share of ratings >= likeThreshold. */
    readonly likeRate: number;
    readonly sparsity: number;
    readonly dateRange: { readonly from: string; readonly to: string } | null;
  };
  readonly ratingHistogram: readonly { readonly rating: number; readonly count: number }[];
  /** Users (movies) by their number of ratings, in power-of-two bins: the long tail. */
  readonly ratingsPerUser: readonly CountBin[];
  readonly ratingsPerMovie: readonly CountBin[];
  readonly ratingsByMonth: readonly {
    readonly month: string;
    readonly count: number;
    readonly meanRating: number;
  }[];
  readonly genres: readonly {
    readonly genre: string;
    readonly movies: number;
    readonly ratings: number;
    readonly meanRating: number | null;
  }[];
  /** A seeded sample of ratings with the movie's title, genres and links. */
  readonly sample: readonly SampleInteraction[];
}

/** One rating of the EDA sample: the rater, the catalogue movie (`@reco/data`'s `Movie`) and the rating. */
export interface SampleInteraction extends Movie {
  readonly userId: number;
  readonly rating: number;
  /** Unix seconds. */
  readonly timestamp: number;
}

export interface CurvePoint {
  readonly threshold: number;
  readonly x: number;
  readonly y: number;
}

export interface ModelCurves {
  readonly model: string;
  readonly variant: string;
  readonly rows: number;
  readonly positives: number;
  /** x = false positive rate, y = true positive rate. */
  readonly roc: readonly CurvePoint[];
  /** x = recall, y = precision. */
  readonly pr: readonly CurvePoint[];
  readonly calibration: readonly {
    readonly meanPredicted: number;
    readonly observedRate: number;
    readonly count: number;
  }[];
  /** Gain for tree models, coefficients for logistic regression; largest magnitude first. */
  readonly importance: {
    readonly type: string;
    readonly features: readonly { readonly name: string; readonly value: number }[];
  } | null;
}

export interface ModelReport {
  readonly version: number;
  readonly split: 'test';
  readonly chosen: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly confusion: { readonly tp: number; readonly fp: number; readonly tn: number; readonly fn: number };
  readonly models: readonly ModelCurves[];
  /** Wall seconds per training stage, in run order. */
  readonly stages: readonly { readonly stage: string; readonly seconds: number }[];
  readonly peakRssBytes: number;
}

export interface ReportModel {
  readonly model: string;
  readonly variant: string;
  readonly classifier: Pick<Classifier, 'kind' | 'featureImportance'>;
  readonly testScores: Float32Array;
}

export interface ReportInput {
  readonly dataset: Dataset;
  readonly likeThreshold: number;
  readonly seed: number;
  readonly testLabels: Uint8Array;
  readonly models: readonly ReportModel[];
  readonly chosen: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly timings: Readonly<Record<string, number>>;
  readonly peakRssBytes: number;
}

/** Writes both report files into the bundle being built (the manifest lists them with their sha256). */
export async function writeReportFiles(writer: BundleWriter, input: ReportInput): Promise<void> {
  const dataset = datasetReport(input.dataset, input.likeThreshold, input.seed);
  await writer.write(REPORT_PATHS.datasetSummary, `${JSON.stringify(dataset)}\n`);
  await writer.write(REPORT_PATHS.modelReport, `${JSON.stringify(modelReport(input))}\n`);
}

export function datasetReport(dataset: Dataset, likeThreshold: number, seed: number): DatasetReport {
  const s = describeDataset(dataset);
  const { ratings } = dataset;
  let likes = 0;
  for (let i = 0; i < ratings.length; i++) if (ratings.rating[i]! >= likeThreshold) likes++;
  return {
    version: REPORT_VERSION,
    source: s.source,
    likeThreshold,
    overview: {
      users: s.users,
      movies: s.movies,
      ratedMovies: s.ratedMovies,
      ratings: s.ratings,
      meanRating: s.meanRating,
      likeRate: ratings.length > 0 ? likes / ratings.length : 0,
      sparsity: s.sparsity,
      dateRange: s.dateRange,
    },
    ratingHistogram: s.histogram,
    ratingsPerUser: powerOfTwoBins(perUserCounts(dataset)),
    ratingsPerMovie: powerOfTwoBins(perMovieCounts(dataset)),
    ratingsByMonth: ratingsByMonth(dataset),
    genres: genreStats(dataset),
    sample: sampleInteractions(dataset, seed),
  };
}

function perUserCounts(dataset: Dataset): Uint32Array {
  const offsets = dataset.ratings.userOffsets;
  const counts = new Uint32Array(offsets.length - 1);
  for (let u = 0; u < counts.length; u++) counts[u] = offsets[u + 1]! - offsets[u]!;
  return counts;
}

function perMovieCounts(dataset: Dataset): Uint32Array {
  const counts = new Uint32Array(dataset.movies.movies.length);
  const { movie } = dataset.ratings;
  for (let i = 0; i < movie.length; i++) counts[movie[i]!]!++;
  return counts;
}

/** Bins [1,2), [2,4), [4,8), ... of the non-zero counts; empty bins inside the range are kept. */
export function powerOfTwoBins(counts: Uint32Array): CountBin[] {
  const bins: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const b = 31 - Math.clz32(c);
    while (bins.length <= b) bins.push(0);
    bins[b]!++;
  }
  return bins.map((count, b) => ({ from: 2 ** b, to: 2 ** (b + 1), count }));
}

function sampleInteractions(dataset: Dataset, seed: number): SampleInteraction[] {
  const { ratings, users, movies } = dataset;
  const all = new Uint32Array(ratings.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const rows = all.length > SAMPLE_ROWS ? sampleSorted(all, SAMPLE_ROWS, seed) : all;
  return [...rows].map((row) => {
    const movie = movies.movies[ratings.movie[row]!]!;
    return {
      userId: users.ids[ratings.user[row]!]!,
      movieId: movie.movieId,
      title: movie.title,
      year: movie.year,
      genres: movie.genres,
      rating: ratings.rating[row]!,
      timestamp: ratings.timestamp[row]!,
      imdbId: movie.imdbId,
      tmdbId: movie.tmdbId,
    };
  });
}

export function modelReport(input: ReportInput): ModelReport {
  const { testLabels, chosen } = input;
  const best = input.models.find((m) => m.model === chosen.model && m.variant === chosen.variant);
  const confusion = best
    ? confusionMatrix(testLabels, best.testScores, { threshold: chosen.threshold })
    : { tp: 0, fp: 0, tn: 0, fn: 0 };
  return {
    version: REPORT_VERSION,
    split: 'test',
    chosen,
    confusion: { tp: confusion.tp, fp: confusion.fp, tn: confusion.tn, fn: confusion.fn },
    models: input.models.map((m) => modelCurves(m, testLabels)),
    stages: Object.entries(input.timings).map(([stage, seconds]) => ({ stage, seconds })),
    peakRssBytes: input.peakRssBytes,
  };
}

function modelCurves(m: ReportModel, labels: Uint8Array): ModelCurves {
  const { roc, pr, positives } = curves(labels, m.testScores);
  const calibration = calibrationTable(labels, m.testScores, { bins: CALIBRATION_BINS })
    .bins.filter((b) => b.count > 0)
    .map((b) => ({ meanPredicted: b.meanPredicted, observedRate: b.observedRate, count: b.count }));
  return {
    model: m.model,
    variant: m.variant,
    rows: labels.length,
    positives,
    roc,
    pr,
    calibration,
    importance: importanceOf(m.classifier),
  };
}

function importanceOf(classifier: ReportModel['classifier']): ModelCurves['importance'] {
  const type = classifier.kind === 'logistic' ? 'coefficient' : 'gain';
  try {
    const imp = classifier.featureImportance(type);
    const features = imp.names
      .map((name, k) => ({ name, value: imp.values[k]! }))
      .sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    return { type, features };
  } catch {
    // A model kind without this importance type: the page shows none rather than failing training.
    return null;
  }
}

/**
 * ROC and precision-recall points from a histogram of the scores (CURVE_BINS uniform bins on
 * [0, 1]), walked from the highest bin down: one pass over the rows, then at most
 * MAX_CURVE_POINTS evenly spaced points per curve, always with both ends.
 */
export function curves(
  labels: Uint8Array,
  scores: Float32Array,
): { roc: CurvePoint[]; pr: CurvePoint[]; positives: number } {
  const pos = new Float64Array(CURVE_BINS);
  const neg = new Float64Array(CURVE_BINS);
  for (let i = 0; i < labels.length; i++) {
    const s = scores[i]!;
    const b = s >= 1 ? CURVE_BINS - 1 : s <= 0 ? 0 : Math.floor(s * CURVE_BINS);
    if (labels[i] === 1) pos[b]!++;
    else neg[b]!++;
  }
  let P = 0;
  let N = 0;
  for (let b = 0; b < CURVE_BINS; b++) {
    P += pos[b]!;
    N += neg[b]!;
  }
  const roc: CurvePoint[] = [{ threshold: 1, x: 0, y: 0 }];
  const pr: CurvePoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let b = CURVE_BINS - 1; b >= 0; b--) {
    if (pos[b] === 0 && neg[b] === 0) continue;
    tp += pos[b]!;
    fp += neg[b]!;
    const threshold = b / CURVE_BINS;
    roc.push({ threshold, x: N > 0 ? fp / N : 0, y: P > 0 ? tp / P : 0 });
    pr.push({ threshold, x: P > 0 ? tp / P : 0, y: tp / (tp + fp) });
  }
  return { roc: downsample(roc), pr: downsample(pr), positives: P };
}

/** At most MAX_CURVE_POINTS points, evenly spaced by index, first and last kept. */
export function downsample<T>(points: readonly T[], max = MAX_CURVE_POINTS): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  for (let k = 0; k < max; k++) out.push(points[Math.round((k * (points.length - 1)) / (max - 1))]!);
  return out;
}
