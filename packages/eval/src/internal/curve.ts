import { EvaluationError } from '../errors';
import type { Labels, Scores } from '../types';
import { sortFloat32, sortFloat64 } from './sort';
import { assertNoNaN, assertPaired, countPositives } from './validate';

/**
 * Cumulative counts at every distinct score, from the highest score down: row g says how many
 * positives and negatives score >= thresholds[g]. Tied scores form one row, which is what makes
 * ROC AUC, average precision and threshold search handle ties exactly.
 */
export interface ThresholdCurve {
  /** Distinct scores, descending. */
  readonly thresholds: Float64Array;
  /** Positives with score >= thresholds[g]. */
  readonly truePositives: Float64Array;
  /** Negatives with score >= thresholds[g]. */
  readonly falsePositives: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

/** Validates inputs and builds the curve; `needsNegatives` is false for metrics only positives define. */
export function validatedCurve(
  labels: Labels,
  scores: Scores,
  metric: string,
  needsNegatives: boolean,
): ThresholdCurve {
  assertPaired(labels, scores);
  const positives = countPositives(labels);
  assertNoNaN(scores);
  assertTwoClasses(labels.length, positives, metric, needsNegatives);
  return thresholdCurve(labels, scores, positives);
}

export function assertTwoClasses(
  n: number,
  positives: number,
  metric: string,
  needsNegatives: boolean,
): void {
  if (positives === 0) {
    throw new EvaluationError(
      'undefined-metric',
      `${metric} is undefined without positives: all ${n} labels are 0; evaluate on data with both classes`,
    );
  }
  if (needsNegatives && positives === n) {
    throw new EvaluationError(
      'undefined-metric',
      `${metric} is undefined without negatives: all ${n} labels are 1; evaluate on data with both classes`,
    );
  }
}

/**
 * Builds the curve by sorting the positives' and the negatives' scores separately and merging
 * the two runs from the top. Labels and scores must already be validated (paired, 0/1, no NaN).
 */
export function thresholdCurve(labels: Labels, scores: Scores, positives: number): ThresholdCurve {
  const n = labels.length;
  const negatives = n - positives;
  // Float32 has a fast radix sort; float64 scores that are all exact float32 values (e.g. widened
  // model outputs) can use it without merging distinct scores into false ties.
  const useFloat32 = scores instanceof Float32Array || isExactlyFloat32(scores);
  const positive = useFloat32 ? new Float32Array(positives) : new Float64Array(positives);
  const negative = useFloat32 ? new Float32Array(negatives) : new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) positive[p++] = scores[i]!;
    else negative[q++] = scores[i]!;
  }
  if (positive instanceof Float32Array) sortFloat32(positive);
  else sortFloat64(positive);
  if (negative instanceof Float32Array) sortFloat32(negative);
  else sortFloat64(negative);

  const thresholds = new Float64Array(n);
  const truePositives = new Float64Array(n);
  const falsePositives = new Float64Array(n);
  let groups = 0;
  let tp = 0;
  let fp = 0;
  let i = positives - 1;
  let j = negatives - 1;
  // Walk both ascending runs from their ends; each step consumes every score equal to the current
  // maximum from both runs (=== also equates -0 and +0, which the radix sort keeps apart).
  while (i >= 0 || j >= 0) {
    const top = i < 0 ? negative[j]! : j < 0 ? positive[i]! : Math.max(positive[i]!, negative[j]!);
    while (i >= 0 && positive[i] === top) {
      tp++;
      i--;
    }
    while (j >= 0 && negative[j] === top) {
      fp++;
      j--;
    }
    thresholds[groups] = top;
    truePositives[groups] = tp;
    falsePositives[groups] = fp;
    groups++;
  }
  return {
    thresholds: thresholds.subarray(0, groups),
    truePositives: truePositives.subarray(0, groups),
    falsePositives: falsePositives.subarray(0, groups),
    positives,
    negatives,
  };
}

function isExactlyFloat32(scores: Float64Array): boolean {
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    if (Math.fround(score) !== score) return false;
  }
  return true;
}
