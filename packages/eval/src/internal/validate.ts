import { EvaluationError } from '../errors';
import type { Labels, Scores, Values } from '../types';

/** Checks that labels and scores pair up one to one and that neither is empty. */
export function assertPaired(labels: Labels, scores: Scores): void {
  if (labels.length !== scores.length) {
    throw new EvaluationError(
      'length-mismatch',
      `labels and scores differ in length: labels has ${labels.length} entries, scores has ${scores.length}`,
    );
  }
  if (labels.length === 0) {
    throw new EvaluationError('empty-input', 'labels and scores are empty: there is nothing to evaluate');
  }
}

/** Returns the number of positives, and throws on the first label that is not 0 or 1. */
export function countPositives(labels: Labels): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label > 1)
      throw new EvaluationError('invalid-label', `labels[${i}] is ${label}, but labels must be 0 or 1`);
    positives += label;
  }
  return positives;
}

/** Throws on the first NaN: a NaN score cannot be ranked, and sorting would hide it. */
export function assertNoNaN(scores: Scores, name = 'scores'): void {
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    // biome-ignore lint/suspicious/noSelfCompare: the fastest NaN test in a hot loop
    if (score !== score) {
      throw new EvaluationError(
        'invalid-score',
        `${name}[${i}] is NaN: the model produced a non-number for this row`,
      );
    }
  }
}

/** Throws unless every score is a probability in [0, 1] (log loss, Brier and calibration need one). */
export function assertProbabilities(scores: Scores, metric: string): void {
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i]!;
    // Written as a negated range test so that NaN fails it too.
    if (!(score >= 0 && score <= 1)) {
      throw new EvaluationError(
        'invalid-score',
        `scores[${i}] is ${score}, but ${metric} needs probabilities in [0, 1]; pass the model's probabilities, not raw margins`,
      );
    }
  }
}

/** Checks two real-valued columns (actual vs predicted) for equal, non-zero length and no NaN. */
export function assertValues(actual: Values, predicted: Values): void {
  if (actual.length !== predicted.length) {
    throw new EvaluationError(
      'length-mismatch',
      `actual and predicted differ in length: actual has ${actual.length} entries, predicted has ${predicted.length}`,
    );
  }
  if (actual.length === 0) {
    throw new EvaluationError('empty-input', 'actual and predicted are empty: there is nothing to evaluate');
  }
  assertNoNaN(actual, 'actual');
  assertNoNaN(predicted, 'predicted');
}

/** Checks a cutoff k: a whole number >= 1. */
export function assertK(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new EvaluationError('invalid-option', `k must be a whole number >= 1, got ${k}`);
  }
}

/** Checks a finite number option, e.g. a threshold. */
export function assertFinite(value: number, name: string): void {
  if (!Number.isFinite(value)) {
    throw new EvaluationError('invalid-option', `${name} must be a finite number, got ${value}`);
  }
}
