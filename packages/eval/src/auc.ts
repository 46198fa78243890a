import { type ThresholdCurve, validatedCurve } from './internal/curve';
import type { Labels, Scores } from './types';

/**
 * Area under the ROC curve, exact: the probability that a random positive scores higher than a
 * random negative, counting a tie as one half (the Mann-Whitney U statistic / (P * N)).
 * Computed as the trapezoid rule over the curve with one point per distinct score, which equals
 * the pair count with ties at 1/2. Throws `EvaluationError` when the labels hold only one class,
 * because the ratio is then 0 / 0.
 */
export function rocAuc(labels: Labels, scores: Scores): number {
  return rocAucOfCurve(validatedCurve(labels, scores, 'ROC AUC', true));
}

/**
 * Average precision (the area under the precision-recall curve as scikit-learn defines it):
 * AP = sum over distinct thresholds t, from high to low, of (R(t) - R(t_prev)) * P(t), where
 * P(t) and R(t) are the precision and recall of predicting `score >= t`. A step function, not a
 * trapezoid, so it never interpolates optimistically. Throws `EvaluationError` without positives.
 */
export function prAuc(labels: Labels, scores: Scores): number {
  return averagePrecisionOfCurve(validatedCurve(labels, scores, 'PR AUC (average precision)', false));
}

export function rocAucOfCurve({
  truePositives,
  falsePositives,
  positives,
  negatives,
}: ThresholdCurve): number {
  let area = 0;
  let previousTp = 0;
  let previousFp = 0;
  for (let g = 0; g < truePositives.length; g++) {
    const tp = truePositives[g]!;
    const fp = falsePositives[g]!;
    // A tied group moves the curve diagonally; its trapezoid counts each tied pair as 1/2.
    area += (fp - previousFp) * (tp + previousTp);
    previousTp = tp;
    previousFp = fp;
  }
  return area / (2 * positives * negatives);
}

export function averagePrecisionOfCurve({
  truePositives,
  falsePositives,
  positives,
}: ThresholdCurve): number {
  let sum = 0;
  let previousTp = 0;
  for (let g = 0; g < truePositives.length; g++) {
    const tp = truePositives[g]!;
    if (tp !== previousTp) sum += ((tp - previousTp) * tp) / (tp + falsePositives[g]!);
    previousTp = tp;
  }
  return sum / positives;
}
