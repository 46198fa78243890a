import { assertFinite, assertNoNaN, assertPaired, countPositives } from './internal/validate';
import type { Labels, Scores } from './types';

/** Counts of a binary decision rule against the labels. */
export interface ConfusionMatrix {
  /** Label 1, predicted 1. */
  readonly tp: number;
  /** Label 0, predicted 1. */
  readonly fp: number;
  /** Label 0, predicted 0. */
  readonly tn: number;
  /** Label 1, predicted 0. */
  readonly fn: number;
}

export interface ThresholdOptions {
  /** A row is predicted positive when its score is >= threshold. Default 0.5. */
  readonly threshold?: number;
}

/** Counts tp / fp / tn / fn when rows with `score >= threshold` (default 0.5) are predicted positive. */
export function confusionMatrix(
  labels: Labels,
  scores: Scores,
  options: ThresholdOptions = {},
): ConfusionMatrix {
  const { threshold = 0.5 } = options;
  assertPaired(labels, scores);
  assertFinite(threshold, 'threshold');
  const positives = countPositives(labels);
  assertNoNaN(scores);
  let tp = 0;
  let fp = 0;
  // One pass, two counters: the other two cells follow from the class totals.
  for (let i = 0; i < labels.length; i++) {
    if (scores[i]! >= threshold) {
      if (labels[i] === 1) tp++;
      else fp++;
    }
  }
  const negatives = labels.length - positives;
  return { tp, fp, tn: negatives - fp, fn: positives - tp };
}

/** (tp + tn) / n. */
export function accuracyOf({ tp, fp, tn, fn }: ConfusionMatrix): number {
  return (tp + tn) / (tp + fp + tn + fn);
}

/** tp / (tp + fp); 0 when nothing is predicted positive. */
export function precisionOf({ tp, fp }: ConfusionMatrix): number {
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

/** tp / (tp + fn); 0 when there are no positives. */
export function recallOf({ tp, fn }: ConfusionMatrix): number {
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

/** 2tp / (2tp + fp + fn), the harmonic mean of precision and recall; 0 when both are 0. */
export function f1Of({ tp, fp, fn }: ConfusionMatrix): number {
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/** Share of rows whose decision (`score >= threshold`, default 0.5) matches the label. */
export function accuracy(labels: Labels, scores: Scores, options: ThresholdOptions = {}): number {
  return accuracyOf(confusionMatrix(labels, scores, options));
}

/** Share of predicted positives that are positive; 0 when nothing is predicted positive. */
export function precision(labels: Labels, scores: Scores, options: ThresholdOptions = {}): number {
  return precisionOf(confusionMatrix(labels, scores, options));
}

/** Share of positives predicted positive; 0 when there are no positives. */
export function recall(labels: Labels, scores: Scores, options: ThresholdOptions = {}): number {
  return recallOf(confusionMatrix(labels, scores, options));
}

/** Harmonic mean of precision and recall at the threshold; 0 when both are 0. */
export function f1(labels: Labels, scores: Scores, options: ThresholdOptions = {}): number {
  return f1Of(confusionMatrix(labels, scores, options));
}
