import { type ConfusionMatrix, confusionMatrix, f1Of, precisionOf, recallOf } from './confusion';
import { validatedCurve } from './internal/curve';
import { assertFinite } from './internal/validate';
import type { Labels, Scores } from './types';

export type ThresholdStrategy = 'max-f1' | 'fixed';

export interface SelectThresholdOptions {
  /**
   * `'max-f1'` (default) tries every distinct score as the threshold and keeps the one with the
   * highest F1; `'fixed'` uses `value`.
   */
  readonly strategy?: ThresholdStrategy;
  /** The threshold of the `'fixed'` strategy. Default 0.5. Ignored by `'max-f1'`. */
  readonly value?: number;
}

/** The chosen threshold (predict positive when `score >= threshold`) and how it scores on the data it was chosen on. */
export interface ThresholdSelection {
  readonly strategy: ThresholdStrategy;
  readonly threshold: number;
  readonly f1: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * Picks a decision threshold on validation data, to be applied unchanged to test data.
 * `'max-f1'` is exact: it scans one candidate per distinct score (a sort, then a linear pass),
 * and among equal F1 keeps the highest threshold. It throws `EvaluationError` when there are no
 * positives, since F1 is then 0 at every threshold.
 */
export function selectThreshold(
  labels: Labels,
  scores: Scores,
  options: SelectThresholdOptions = {},
): ThresholdSelection {
  const { strategy = 'max-f1', value = 0.5 } = options;
  if (strategy === 'fixed') {
    assertFinite(value, 'value');
    return selection('fixed', value, confusionMatrix(labels, scores, { threshold: value }));
  }
  const { thresholds, truePositives, falsePositives, positives } = validatedCurve(
    labels,
    scores,
    'max-F1 threshold selection',
    false,
  );
  let best = 0;
  let bestF1 = -1;
  for (let g = 0; g < thresholds.length; g++) {
    const tp = truePositives[g]!;
    // F1 = 2tp / (2tp + fp + fn) with fn = positives - tp.
    const f1 = (2 * tp) / (tp + falsePositives[g]! + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = g;
    }
  }
  const tp = truePositives[best]!;
  const fp = falsePositives[best]!;
  const negatives = labels.length - positives;
  return selection('max-f1', thresholds[best]!, { tp, fp, tn: negatives - fp, fn: positives - tp });
}

function selection(
  strategy: ThresholdStrategy,
  threshold: number,
  matrix: ConfusionMatrix,
): ThresholdSelection {
  return {
    strategy,
    threshold,
    f1: f1Of(matrix),
    precision: precisionOf(matrix),
    recall: recallOf(matrix),
  };
}
