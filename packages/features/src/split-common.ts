import type { RatingsStore } from '@reco/data';
import { FeatureError } from './errors';

/** Row indices of the three parts, each sorted ascending. No row is in two parts. */
export interface Split {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
  readonly test: Uint32Array;
  readonly report: SplitReport;
}

export type SplitMethod = 'stratified' | 'user-temporal' | 'global-temporal' | 'netflix-probe';

export interface SplitPartCounts {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** What a split did, so nothing about it is silent. */
export interface SplitReport {
  readonly method: SplitMethod;
  readonly seed: number | null;
  readonly likeThreshold: number;
  /** Rows per part after every move. */
  readonly counts: SplitPartCounts;
  /** Share of likes per part (NaN for an empty part). */
  readonly likeShare: { readonly train: number; readonly validation: number; readonly test: number };
  /** Validation or test rows moved to train because their user would otherwise have no training rating. */
  readonly movedToTrain: number;
  readonly movedFromValidation: number;
  readonly movedFromTest: number;
  /**
   * Validation and test rows whose user has no training rating after the split (always 0 unless a
   * global temporal split keeps cold users).
   */
  readonly coldUserRows: number;
  /** Global temporal split only: the first timestamp of validation and of test (unix seconds). */
  readonly cuts?: { readonly validation: number; readonly test: number };
}

export const TRAIN = 0;
export const VALIDATION = 1;
export const TEST = 2;

export interface FinishSplitOptions {
  readonly method: SplitMethod;
  readonly seed: number | null;
  readonly likeThreshold: number;
  /** Move the validation/test rows of users without training ratings to train. */
  readonly moveColdUsers: boolean;
  /** Rows already moved to train by the method itself (e.g. a user too small to hold out). */
  readonly premoved?: { readonly validation: number; readonly test: number };
  readonly cuts?: { readonly validation: number; readonly test: number };
}

/**
 * Turns a part code per row (TRAIN / VALIDATION / TEST) into sorted index arrays and a report.
 * Optionally enforces "every validation or test user has training ratings" by moving the rows of
 * users who would break it, using the store's per-user row ranges.
 */
export function finishSplit(ratings: RatingsStore, part: Uint8Array, options: FinishSplitOptions): Split {
  const { userOffsets } = ratings;
  const nUsers = userOffsets.length - 1;
  let movedFromValidation = options.premoved?.validation ?? 0;
  let movedFromTest = options.premoved?.test ?? 0;
  let coldUserRows = 0;

  for (let u = 0; u < nUsers; u++) {
    const start = userOffsets[u]!;
    const end = userOffsets[u + 1]!;
    let hasTrain = false;
    for (let r = start; r < end && !hasTrain; r++) hasTrain = part[r] === TRAIN;
    if (hasTrain) continue;
    for (let r = start; r < end; r++) {
      if (!options.moveColdUsers) {
        coldUserRows++;
        continue;
      }
      if (part[r] === VALIDATION) movedFromValidation++;
      else movedFromTest++;
      part[r] = TRAIN;
    }
  }

  const counts = [0, 0, 0];
  const likes = [0, 0, 0];
  const rating = ratings.rating;
  for (let r = 0; r < part.length; r++) {
    const p = part[r]!;
    counts[p]!++;
    if (rating[r]! >= options.likeThreshold) likes[p]!++;
  }
  if (counts[TRAIN] === 0) {
    throw new FeatureError(
      'bad-option',
      `${splitName(options.method)}: the training set is empty; give the training part a larger share`,
    );
  }
  const parts = [new Uint32Array(counts[0]!), new Uint32Array(counts[1]!), new Uint32Array(counts[2]!)];
  const fill = [0, 0, 0];
  // Scanning rows in order writes each part already sorted.
  for (let r = 0; r < part.length; r++) {
    const p = part[r]!;
    parts[p]![fill[p]!++] = r;
  }

  const share = (p: number) => (counts[p] === 0 ? Number.NaN : likes[p]! / counts[p]!);
  return {
    train: parts[TRAIN]!,
    validation: parts[VALIDATION]!,
    test: parts[TEST]!,
    report: {
      method: options.method,
      seed: options.seed,
      likeThreshold: options.likeThreshold,
      counts: { train: counts[TRAIN]!, validation: counts[VALIDATION]!, test: counts[TEST]! },
      likeShare: { train: share(TRAIN), validation: share(VALIDATION), test: share(TEST) },
      movedToTrain: movedFromValidation + movedFromTest,
      movedFromValidation,
      movedFromTest,
      coldUserRows,
      ...(options.cuts === undefined ? {} : { cuts: options.cuts }),
    },
  };
}

function splitName(method: SplitMethod): string {
  if (method === 'stratified') return 'stratifiedSplit';
  return method === 'user-temporal' ? 'userTemporalSplit' : 'globalTemporalSplit';
}

/** The default train / validation / test shares. */
export const DEFAULT_FRACTIONS: readonly [number, number, number] = [0.7, 0.15, 0.15];

export function assertFractions(where: string, fractions: readonly number[]): void {
  if (fractions.length !== 3 || fractions.some((f) => !(Number.isFinite(f) && f >= 0))) {
    throw new FeatureError(
      'bad-option',
      `${where}: fractions must be three non-negative numbers [train, validation, test] (got [${fractions.join(', ')}])`,
    );
  }
  const sum = fractions[0]! + fractions[1]! + fractions[2]!;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new FeatureError(
      'bad-option',
      `${where}: fractions must sum to 1 (got ${fractions.join(' + ')} = ${sum})`,
    );
  }
  if (fractions[0] === 0) {
    throw new FeatureError(
      'bad-option',
      `${where}: the training fraction must be above 0 (got [${fractions.join(', ')}])`,
    );
  }
}
