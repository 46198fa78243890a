import { assertValues } from './internal/validate';
import type { Values } from './types';

/** Root mean squared error: sqrt((1/n) * sum((predicted - actual)^2)), in rating units. */
export function rmse(actual: Values, predicted: Values): number {
  assertValues(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = predicted[i]! - actual[i]!;
    sum += error * error;
  }
  return Math.sqrt(sum / actual.length);
}

/** Mean absolute error: (1/n) * sum(|predicted - actual|), in rating units. */
export function mae(actual: Values, predicted: Values): number {
  assertValues(actual, predicted);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(predicted[i]! - actual[i]!);
  return sum / actual.length;
}
