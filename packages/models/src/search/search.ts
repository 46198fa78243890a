import { createRawRng } from '@reco/core';
import { createClassifier } from '../create';
import { ModelError } from '../errors';
import { f1Score, logLoss, prAuc, rocAuc } from '../internal/metrics';
import {
  deriveSeed,
  foldRows,
  stratifiedFolds,
  stratifiedSplit,
  takeLabels,
  takeRows,
} from '../internal/rows';
import { checkFitInputs } from '../internal/validate';
import type { Labels, ModelKind, OnProgress, ParamsByKind, ValidationSet } from '../types';
import { type Distribution, isDistribution, sample } from './distributions';
import { defaultSearchSpaces, type GridSpace, type RandomSpace } from './spaces';

/** How a fit is scored on held-out rows. `log-loss` is minimised, the others maximised. */
export type Scoring = 'roc-auc' | 'pr-auc' | 'log-loss' | 'f1';

const SCORERS: Record<
  Scoring,
  { readonly score: (y: Labels, p: Float32Array) => number; readonly higher: boolean }
> = {
  'roc-auc': { score: rocAuc, higher: true },
  'pr-auc': { score: prAuc, higher: true },
  'log-loss': { score: logLoss, higher: false },
  f1: { score: (y, p) => f1Score(y, p), higher: true },
};

export interface SearchOptions<K extends ModelKind> {
  readonly kind: K;
  /** Training rows: row-major `nRows x nCols`, NaN = missing. */
  readonly X: Float32Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly y: Labels;
  /** Settings shared by every candidate (e.g. `nthread`, `nRounds`); the space overrides them. */
  readonly baseParams?: Partial<ParamsByKind[K]>;
  /** Score on this fixed set instead of cross-validating (each candidate is fitted once on all rows). */
  readonly validation?: ValidationSet;
  /** Stratified folds when there is no `validation`. Default 5. */
  readonly folds?: number;
  /** Default `roc-auc`. */
  readonly scoring?: Scoring;
  /** Seeds the folds, the sampling and the early-stopping holdouts. Default 0. */
  readonly seed?: number;
  /**
   * XGBoost with `earlyStoppingRounds`: the share of each training part held out (stratified) to
   * stop on, so the rows that score a candidate never choose its round count. Default 0.1.
   */
  readonly earlyStoppingFraction?: number;
  readonly featureNames?: readonly string[];
  /** Called after every fit: stage `search`, unit `fits`. */
  readonly onProgress?: OnProgress;
}

export interface GridSearchOptions<K extends ModelKind> extends SearchOptions<K> {
  /** Default `defaultSearchSpaces[kind].grid`. */
  readonly space?: GridSpace<K>;
}

export interface RandomSearchOptions<K extends ModelKind> extends SearchOptions<K> {
  /** Default `defaultSearchSpaces[kind].random`. */
  readonly space?: RandomSpace<K>;
  /** Candidates to sample. Default 20. */
  readonly nIter?: number;
}

/** One candidate: a row of the results table. */
export interface SearchTrial<K extends ModelKind> {
  /** Position in evaluation order (grid order, or sampling order). */
  readonly index: number;
  /** Only the values taken from the space. */
  readonly searched: Partial<ParamsByKind[K]>;
  /** Every parameter, defaults and `baseParams` included: pass these to refit. */
  readonly params: ParamsByKind[K];
  readonly meanScore: number;
  /** Population standard deviation over folds (0 with a fixed validation set). */
  readonly stdScore: number;
  readonly foldScores: readonly number[];
  /** Mean seconds of one fit. */
  readonly fitSeconds: number;
  /** XGBoost with early stopping: mean rounds kept, a good `nRounds` for the final refit. */
  readonly rounds?: number;
  /** 1 = best; ties keep evaluation order. */
  readonly rank: number;
}

export interface SearchResult<K extends ModelKind> {
  readonly kind: K;
  readonly scoring: Scoring;
  readonly evaluation: 'cross-validation' | 'validation-set';
  /** Folds per candidate (1 with a validation set). */
  readonly folds: number;
  readonly best: SearchTrial<K>;
  /** `best.params`. */
  readonly bestParams: ParamsByKind[K];
  /** Every candidate, in evaluation order. */
  readonly trials: readonly SearchTrial<K>[];
  readonly seconds: number;
}

/** Fits every combination of the grid's values; returns the best and the full table. */
export function gridSearch<K extends ModelKind>(options: GridSearchOptions<K>): SearchResult<K> {
  const space = (options.space ?? defaultSearchSpaces[options.kind].grid) as Record<string, unknown>;
  const keys = Object.keys(space);
  for (const key of keys) {
    const values = space[key];
    if (!Array.isArray(values) || values.length === 0) {
      throw new ModelError('invalid-input', `gridSearch: space.${key} must be a non-empty list of values`);
    }
  }
  // Cartesian product, last key varying fastest.
  let candidates: Record<string, unknown>[] = [{}];
  for (const key of keys) {
    const values = space[key] as unknown[];
    candidates = candidates.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return runSearch(options, candidates as Partial<ParamsByKind[K]>[]);
}

/** Fits `nIter` candidates sampled (seeded) from the space; returns the best and the full table. */
export function randomSearch<K extends ModelKind>(options: RandomSearchOptions<K>): SearchResult<K> {
  const space = (options.space ?? defaultSearchSpaces[options.kind].random) as Record<string, unknown>;
  const nIter = options.nIter ?? 20;
  if (!Number.isInteger(nIter) || nIter < 1) {
    throw new ModelError('invalid-input', `randomSearch: nIter is ${nIter}; expected a positive integer`);
  }
  const rng = createRawRng(deriveSeed(options.seed ?? 0, 1));
  const candidates: Record<string, unknown>[] = [];
  for (let t = 0; t < nIter; t++) {
    const candidate: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(space)) {
      if (Array.isArray(spec)) {
        if (spec.length === 0) throw new ModelError('invalid-input', `randomSearch: space.${key} is empty`);
        candidate[key] = spec[Math.floor(rng.nextFloat() * spec.length)];
      } else if (isDistribution(spec)) {
        candidate[key] = sample(spec as Distribution, rng);
      } else {
        throw new ModelError('invalid-input', `randomSearch: space.${key} must be a list or a distribution`);
      }
    }
    candidates.push(candidate);
  }
  return runSearch(options, candidates as Partial<ParamsByKind[K]>[]);
}

interface Split {
  readonly X: Float32Array;
  readonly nRows: number;
  readonly y: Labels;
  readonly testX: Float32Array;
  readonly testRows: number;
  readonly testY: Labels;
}

function runSearch<K extends ModelKind>(
  options: SearchOptions<K>,
  candidates: Partial<ParamsByKind[K]>[],
): SearchResult<K> {
  const { kind, validation } = options;
  const settings = checkSearchOptions(options);
  const started = performance.now();
  // Resolve every candidate up front, so a bad value fails before hours of fitting.
  const params = candidates.map((searched) => {
    const model = createClassifier(kind, { ...options.baseParams, ...searched });
    const resolved = model.params as ParamsByKind[K];
    model.dispose();
    return resolved;
  });
  const nFolds = validation ? 1 : (options.folds ?? 5);
  const fits = fitEveryFold(options, settings, params, nFolds);
  const trials = rankTrials(candidates, params, fits, nFolds, settings.scorer.higher);
  const best = trials.find((trial) => trial.rank === 1)!;
  return {
    kind,
    scoring: settings.scoring,
    evaluation: validation ? 'validation-set' : 'cross-validation',
    folds: nFolds,
    best,
    bestParams: best.params,
    trials,
    seconds: (performance.now() - started) / 1000,
  };
}

interface SearchSettings {
  readonly scoring: Scoring;
  readonly scorer: (typeof SCORERS)[Scoring];
  readonly seed: number;
  readonly earlyStoppingFraction: number;
  readonly featureNames: string[];
}

function checkSearchOptions<K extends ModelKind>(options: SearchOptions<K>): SearchSettings {
  const scoring = options.scoring ?? 'roc-auc';
  const scorer = SCORERS[scoring];
  if (!scorer) throw new ModelError('invalid-input', `unknown scoring '${String(scoring)}'`);
  const fraction = options.earlyStoppingFraction ?? 0.1;
  if (!(fraction > 0 && fraction < 1)) {
    throw new ModelError(
      'invalid-input',
      `earlyStoppingFraction is ${fraction}; expected a number in (0, 1)`,
    );
  }
  const { X, nRows, nCols, y } = options;
  const { featureNames } = checkFitInputs('search', X, nRows, nCols, y, options);
  return { scoring, scorer, seed: options.seed ?? 0, earlyStoppingFraction: fraction, featureNames };
}

/** Per candidate: its score on each fold, its total fit seconds and the rounds early stopping kept. */
interface CandidateFits {
  readonly scores: number[][];
  readonly seconds: number[];
  readonly rounds: number[][];
}

/** Folds outside, candidates inside: each fold's matrices are built once and then dropped. */
function fitEveryFold<K extends ModelKind>(
  options: SearchOptions<K>,
  settings: SearchSettings,
  params: ParamsByKind[K][],
  nFolds: number,
): CandidateFits {
  const { kind, X, nRows, nCols, y, validation, onProgress } = options;
  const { seed, featureNames, scorer } = settings;
  const fold = validation ? null : stratifiedFolds(y, nFolds, deriveSeed(seed, 2));
  const scores = params.map(() => new Array<number>(nFolds));
  const seconds = params.map(() => 0);
  const rounds = params.map(() => [] as number[]);
  const total = params.length * nFolds;
  let done = 0;
  onProgress?.({ stage: 'search', done, total, unit: 'fits' });
  for (let f = 0; f < nFolds; f++) {
    const split = fold ? foldSplit(X, nCols, y, fold, f) : fixedSplit(X, nRows, y, validation!);
    // XGBoost stops early on a stratified slice of the training part, never on the scored rows.
    const inner =
      kind === 'xgboost'
        ? innerHoldout(split, nCols, settings.earlyStoppingFraction, deriveSeed(seed, 3 + f))
        : null;
    for (let t = 0; t < params.length; t++) {
      const p = params[t]!;
      const model = createClassifier(kind, p);
      try {
        const stops = inner !== null && (p as ParamsByKind['xgboost']).earlyStoppingRounds !== null;
        const report = stops
          ? model.fit(inner.X, inner.nRows, nCols, inner.y, {
              featureNames,
              validation: { X: inner.holdoutX, nRows: inner.holdoutRows, y: inner.holdoutY },
            })
          : model.fit(split.X, split.nRows, nCols, split.y, { featureNames });
        seconds[t]! += report.seconds;
        if (stops) rounds[t]!.push(report.iterations);
        scores[t]![f] = scorer.score(split.testY, model.predictProba(split.testX, split.testRows));
      } finally {
        model.dispose();
      }
      onProgress?.({ stage: 'search', done: ++done, total, unit: 'fits' });
    }
  }
  return { scores, seconds, rounds };
}

/** The results table in evaluation order, ranked by mean score (ties keep evaluation order). */
function rankTrials<K extends ModelKind>(
  candidates: Partial<ParamsByKind[K]>[],
  params: ParamsByKind[K][],
  fits: CandidateFits,
  nFolds: number,
  higher: boolean,
): SearchTrial<K>[] {
  const table = candidates.map((searched, t) => {
    const foldScores = fits.scores[t]!;
    const mean = foldScores.reduce((a, b) => a + b, 0) / nFolds;
    const variance = foldScores.reduce((a, b) => a + (b - mean) ** 2, 0) / nFolds;
    const kept = fits.rounds[t]!;
    return {
      index: t,
      searched,
      params: params[t]!,
      meanScore: mean,
      stdScore: Math.sqrt(variance),
      foldScores,
      fitSeconds: fits.seconds[t]! / nFolds,
      ...(kept.length > 0 ? { rounds: kept.reduce((a, b) => a + b, 0) / kept.length } : {}),
    };
  });
  const order = table
    .map((row) => row.index)
    .sort((a, b) => {
      const diff = table[b]!.meanScore - table[a]!.meanScore;
      return (higher ? diff : -diff) || a - b;
    });
  const ranks = new Array<number>(table.length);
  order.forEach((index, position) => {
    ranks[index] = position + 1;
  });
  return table.map((row) => ({ ...row, rank: ranks[row.index]! }));
}

function foldSplit(X: Float32Array, nCols: number, y: Labels, fold: Uint8Array, f: number): Split {
  const { train, test } = foldRows(fold, f);
  return {
    X: takeRows(X, nCols, train),
    nRows: train.length,
    y: takeLabels(y, train),
    testX: takeRows(X, nCols, test),
    testRows: test.length,
    testY: takeLabels(y, test),
  };
}

function fixedSplit(X: Float32Array, nRows: number, y: Labels, validation: ValidationSet): Split {
  return { X, nRows, y, testX: validation.X, testRows: validation.nRows, testY: validation.y };
}

function innerHoldout(split: Split, nCols: number, fraction: number, seed: number) {
  const all = new Uint32Array(split.nRows);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const { train, holdout } = stratifiedSplit(split.y, all, fraction, seed);
  return {
    X: takeRows(split.X, nCols, train),
    nRows: train.length,
    y: takeLabels(split.y, train),
    holdoutX: takeRows(split.X, nCols, holdout),
    holdoutRows: holdout.length,
    holdoutY: takeLabels(split.y, holdout),
  };
}
