import { EvaluationError } from './errors';
import { assertFinite, assertPaired, assertProbabilities, countPositives } from './internal/validate';
import type { Labels, Scores } from './types';

export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 - eps] before the log, so one confident mistake costs
   * -ln(eps) (about 34.5 at the default) instead of infinity. Default 1e-15, as scikit-learn had.
   */
  readonly eps?: number;
}

/**
 * Mean negative log-likelihood of the labels under the predicted probabilities:
 * -(1/n) * sum(y * ln(p) + (1 - y) * ln(1 - p)), with p clipped to [eps, 1 - eps].
 * Scores must be probabilities in [0, 1]. Lower is better; always predicting the base rate r
 * scores the entropy -(r ln r + (1 - r) ln(1 - r)).
 */
export function logLoss(labels: Labels, scores: Scores, options: LogLossOptions = {}): number {
  const { eps = 1e-15 } = options;
  assertFinite(eps, 'eps');
  if (!(eps > 0 && eps < 0.5)) {
    throw new EvaluationError('invalid-option', `eps must be in (0, 0.5), got ${eps}`);
  }
  validateProbabilities(labels, scores, 'log loss');
  const high = 1 - eps;
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const raw = scores[i]!;
    const p = Math.min(Math.max(raw, eps), high);
    // log1p(-p) keeps precision for small p, where 1 - p would round.
    sum -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return sum / labels.length;
}

/** Brier score: (1/n) * sum((p - y)^2), the mean squared error of the probabilities. Lower is better. */
export function brierScore(labels: Labels, scores: Scores): number {
  validateProbabilities(labels, scores, 'the Brier score');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const error = scores[i]! - labels[i]!;
    sum += error * error;
  }
  return sum / labels.length;
}

function validateProbabilities(labels: Labels, scores: Scores, metric: string): void {
  assertPaired(labels, scores);
  countPositives(labels);
  assertProbabilities(scores, metric);
}
