import { createRng } from '@reco/core';
import type { RatingsStore } from '@reco/data';
import { FeatureError } from './errors';
import { DEFAULT_LIKE_THRESHOLD } from './labels';
import {
  assertFractions,
  DEFAULT_FRACTIONS,
  finishSplit,
  type Split,
  TEST,
  TRAIN,
  VALIDATION,
} from './split-common';
import { assertLikeThreshold, assertNonEmptyStore, assertNonNegative, assertSeed } from './validate';

export interface UserTemporalSplitOptions {
  /**
   * How many of each user's latest ratings go to validation and test: a share of the user's ratings
   * (`unit: 'fraction'`, rounded per user) or a number of ratings (`unit: 'count'`).
   * Defaults: 0.15 and 0.15 with unit 'fraction'.
   */
  readonly validation?: number;
  readonly test?: number;
  readonly unit?: 'fraction' | 'count';
  /** Used only for the report's like shares. Default 3.5. */
  readonly likeThreshold?: number;
  /** Breaks ties between ratings with the same timestamp (MovieLens users often rate in bursts). */
  readonly seed: number;
}

/** Largest user the tie-breaking key can order: timestamp · 2^21 + rank stays below 2^53. */
const MAX_USER_ROWS = 1 << 21;

/**
 * Per-user temporal holdout: each user's latest ratings go to test, the ones just before them to
 * validation, the rest to train. Every user keeps at least one training rating; held-out rows that
 * would take it away stay in train (validation gives way first) and count in `report.movedToTrain`.
 */
export function userTemporalSplit(ratings: RatingsStore, options: UserTemporalSplitOptions): Split {
  const settings = resolveUserTemporalOptions(ratings, options);
  const { part, premoved } = holdOutLatest(ratings, settings);
  return finishSplit(ratings, part, {
    method: 'user-temporal',
    seed: settings.seed,
    likeThreshold: settings.likeThreshold,
    moveColdUsers: true,
    premoved,
  });
}

type UserTemporalSettings = Required<UserTemporalSplitOptions>;

function resolveUserTemporalOptions(
  ratings: RatingsStore,
  options: UserTemporalSplitOptions,
): UserTemporalSettings {
  const {
    validation = 0.15,
    test = 0.15,
    unit = 'fraction',
    likeThreshold = DEFAULT_LIKE_THRESHOLD,
    seed,
  } = options;
  const where = 'userTemporalSplit';
  assertLikeThreshold(where, likeThreshold);
  assertSeed(where, seed);
  assertNonEmptyStore(where, ratings);
  assertNonNegative(where, 'validation', validation);
  assertNonNegative(where, 'test', test);
  if (unit === 'fraction' && validation + test >= 1) {
    throw new FeatureError(
      'bad-option',
      `${where}: validation + test must leave a training share below 1 (got ${validation} + ${test})`,
    );
  }
  if (unit === 'count' && !(Number.isInteger(validation) && Number.isInteger(test))) {
    throw new FeatureError('bad-option', `${where}: with unit 'count', validation and test must be integers`);
  }
  return { validation, test, unit, likeThreshold, seed };
}

/** Rows of the user with the most ratings; throws past what the tie-breaking key can order. */
function largestUserRows(ratings: RatingsStore): number {
  const { userOffsets } = ratings;
  let largest = 0;
  for (let u = 0; u + 1 < userOffsets.length; u++) {
    largest = Math.max(largest, userOffsets[u + 1]! - userOffsets[u]!);
  }
  if (largest > MAX_USER_ROWS) {
    throw new FeatureError(
      'bad-option',
      `userTemporalSplit: a user has ${largest} ratings; at most ${MAX_USER_ROWS} are supported`,
    );
  }
  return largest;
}

/**
 * The part of every row: each user's latest rows to test, the ones before them to validation.
 * `premoved` counts the held-out rows that stayed in train to leave the user one training rating.
 */
function holdOutLatest(
  ratings: RatingsStore,
  settings: UserTemporalSettings,
): { part: Uint8Array; premoved: { validation: number; test: number } } {
  const { validation, test, unit, seed } = settings;
  const { userOffsets, timestamp } = ratings;
  const nUsers = userOffsets.length - 1;
  const largest = largestUserRows(ratings);
  const random = createRng(seed);
  const part = new Uint8Array(ratings.length);
  // Scratch sized for the largest user, reused: a key per row, unique within the user, orders by
  // timestamp and then by a seeded random rank, so bursts of equal timestamps split fairly.
  const rank = new Uint32Array(largest);
  const key = new Float64Array(largest);
  const sorted = new Float64Array(largest);
  const premoved = { validation: 0, test: 0 };

  for (let u = 0; u < nUsers; u++) {
    const start = userOffsets[u]!;
    const n = userOffsets[u + 1]! - start;
    if (n === 0) continue;
    let nTest = unit === 'fraction' ? Math.round(n * test) : test;
    let nValidation = unit === 'fraction' ? Math.round(n * validation) : validation;
    const overflow = nTest + nValidation - (n - 1);
    if (overflow > 0) {
      const fromValidation = Math.min(overflow, nValidation);
      nValidation -= fromValidation;
      nTest -= overflow - fromValidation;
      premoved.validation += fromValidation;
      premoved.test += overflow - fromValidation;
    }
    if (nTest + nValidation === 0) continue;

    for (let i = 0; i < n; i++) rank[i] = i;
    random.shuffle(rank, 0, n);
    for (let i = 0; i < n; i++) {
      key[i] = timestamp[start + i]! * MAX_USER_ROWS + rank[i]!;
      sorted[i] = key[i]!;
    }
    sorted.subarray(0, n).sort();
    const testFrom = nTest > 0 ? sorted[n - nTest]! : Number.POSITIVE_INFINITY;
    const validationFrom = sorted[n - nTest - nValidation]!;
    for (let i = 0; i < n; i++) part[start + i] = partByTime(key[i]!, validationFrom, testFrom);
  }
  return { part, premoved };
}

/** TEST from `testFrom` on, VALIDATION from `validationFrom` on, TRAIN before. */
function partByTime(time: number, validationFrom: number, testFrom: number): number {
  return time >= testFrom ? TEST : time >= validationFrom ? VALIDATION : TRAIN;
}

export interface GlobalTemporalSplitOptions {
  /**
   * Explicit cut points in unix seconds: ratings at or after `validation` go to validation, at or
   * after `test` to test. Overrides `fractions`.
   */
  readonly cuts?: { readonly validation: number; readonly test: number };
  /**
   * Without `cuts`, the cuts are the timestamps at these quantiles of all ratings, so the parts get
   * about these shares (ratings sharing the cut timestamp all fall on the later side). Default
   * [0.7, 0.15, 0.15].
   */
  readonly fractions?: readonly [number, number, number];
  /**
   * Validation/test ratings of users with no rating before the cut: 'keep' them (a real deployment
   * meets new users; the pipeline imputes their features), or 'move-to-train' them, which puts
   * later ratings into train. Default 'keep'; `report.coldUserRows` counts them either way.
   */
  readonly coldUsers?: 'keep' | 'move-to-train';
  /** Used only for the report's like shares. Default 3.5. */
  readonly likeThreshold?: number;
}

/**
 * One global cut in time: everything before the validation cut trains, then validation, then test.
 * The split is fully determined by the timestamps, so it takes no seed.
 */
export function globalTemporalSplit(ratings: RatingsStore, options: GlobalTemporalSplitOptions = {}): Split {
  const where = 'globalTemporalSplit';
  const {
    fractions = DEFAULT_FRACTIONS,
    coldUsers = 'keep',
    likeThreshold = DEFAULT_LIKE_THRESHOLD,
  } = options;
  assertLikeThreshold(where, likeThreshold);
  assertNonEmptyStore(where, ratings);
  const { timestamp } = ratings;
  const n = ratings.length;

  let cuts = options.cuts;
  if (cuts === undefined) {
    assertFractions(where, fractions);
    const sorted = timestamp.slice().sort();
    const at = (share: number) => {
      const k = Math.round(n * share);
      return k < n ? sorted[k]! : Number.POSITIVE_INFINITY;
    };
    cuts = { validation: at(fractions[0]), test: at(fractions[0] + fractions[1]) };
  } else if (!(cuts.validation <= cuts.test) || Number.isNaN(cuts.validation)) {
    throw new FeatureError(
      'bad-option',
      `${where}: cuts.validation must not come after cuts.test (got ${cuts.validation} and ${cuts.test})`,
    );
  }

  const part = new Uint8Array(n);
  const { validation: validationCut, test: testCut } = cuts;
  for (let r = 0; r < n; r++) part[r] = partByTime(timestamp[r]!, validationCut, testCut);
  let untouchedTrain = false;
  for (let r = 0; r < n && !untouchedTrain; r++) untouchedTrain = part[r] === TRAIN;
  if (!untouchedTrain) {
    throw new FeatureError(
      'bad-option',
      `${where}: the training set is empty: no rating comes before the validation cut (${validationCut})`,
    );
  }
  return finishSplit(ratings, part, {
    method: 'global-temporal',
    seed: null,
    likeThreshold,
    moveColdUsers: coldUsers === 'move-to-train',
    cuts,
  });
}
