import { averagePrecisionOfCurve, rocAucOfCurve } from './auc';
import { accuracyOf, type ConfusionMatrix, confusionMatrix, f1Of, precisionOf, recallOf } from './confusion';
import { validatedCurve } from './internal/curve';
import { assertProbabilities } from './internal/validate';
import { brierScore, logLoss } from './probability';
import type { Labels, Scores } from './types';

export interface ClassificationReportOptions {
  /** Rows with `score >= threshold` are predicted positive. Default 0.5; pass the one `selectThreshold` chose on validation. */
  readonly threshold?: number;
  /** Log-loss clipping, see `logLoss`. Default 1e-15. */
  readonly eps?: number;
}

/** Every classification metric of one model on one split. */
export interface ClassificationReport {
  readonly n: number;
  readonly positives: number;
  readonly threshold: number;
  readonly confusion: ConfusionMatrix;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly logLoss: number;
  readonly brier: number;
}

/**
 * All classification metrics at once: the threshold metrics at `threshold`, the ranking metrics
 * (ROC AUC, PR AUC) from one shared sort, and the probability metrics (log loss, Brier).
 * Scores must be probabilities in [0, 1], and both classes must be present (else `EvaluationError`).
 */
export function classificationReport(
  labels: Labels,
  scores: Scores,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const { threshold = 0.5, eps } = options;
  assertProbabilities(scores, 'classificationReport');
  const curve = validatedCurve(labels, scores, 'ROC AUC', true);
  const confusion = confusionMatrix(labels, scores, { threshold });
  return {
    n: labels.length,
    positives: curve.positives,
    threshold,
    confusion,
    accuracy: accuracyOf(confusion),
    precision: precisionOf(confusion),
    recall: recallOf(confusion),
    f1: f1Of(confusion),
    rocAuc: rocAucOfCurve(curve),
    prAuc: averagePrecisionOfCurve(curve),
    logLoss: logLoss(labels, scores, eps === undefined ? {} : { eps }),
    brier: brierScore(labels, scores),
  };
}
