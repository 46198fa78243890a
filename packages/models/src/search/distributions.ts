import type { Rng } from '@reco/core';
import { ModelError } from '../errors';

/** A numeric range to sample from. `integer` includes both ends. */
export interface NumericDistribution {
  readonly type: 'uniform' | 'log-uniform' | 'integer';
  readonly low: number;
  readonly high: number;
}

/** One of a fixed list of values, each equally likely. */
export interface ChoiceDistribution<T> {
  readonly type: 'choice';
  readonly values: readonly T[];
}

export type Distribution<T = unknown> = NumericDistribution | ChoiceDistribution<T>;

/** Uniform on [low, high). */
export function uniform(low: number, high: number): NumericDistribution {
  return checkRange({ type: 'uniform', low, high });
}

/** Log-uniform on [low, high): every decade equally likely. For learning rates and penalties. */
export function logUniform(low: number, high: number): NumericDistribution {
  if (!(low > 0)) throw new ModelError('invalid-input', `logUniform: low must be > 0, got ${low}`);
  return checkRange({ type: 'log-uniform', low, high });
}

/** A uniform integer in [low, high], both included. */
export function integer(low: number, high: number): NumericDistribution {
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new ModelError('invalid-input', `integer: bounds must be integers, got ${low} and ${high}`);
  }
  return checkRange({ type: 'integer', low, high }, true);
}

/** One of `values`, uniformly. */
export function choice<T>(values: readonly T[]): ChoiceDistribution<T> {
  if (values.length === 0) throw new ModelError('invalid-input', 'choice: needs at least one value');
  return { type: 'choice', values: [...values] };
}

export function isDistribution(value: unknown): value is Distribution {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value;
}

/** Draws one value; consumes exactly one random number, so draws stay aligned across spaces. */
export function sample<T>(distribution: Distribution<T>, rng: Rng): T | number {
  const u = rng.nextFloat();
  switch (distribution.type) {
    case 'uniform':
      return distribution.low + u * (distribution.high - distribution.low);
    case 'log-uniform': {
      const lo = Math.log(distribution.low);
      return Math.exp(lo + u * (Math.log(distribution.high) - lo));
    }
    case 'integer':
      return distribution.low + Math.floor(u * (distribution.high - distribution.low + 1));
    case 'choice':
      return distribution.values[Math.floor(u * distribution.values.length)]!;
  }
}

function checkRange(d: NumericDistribution, allowEqual = false): NumericDistribution {
  const ok =
    Number.isFinite(d.low) && Number.isFinite(d.high) && (allowEqual ? d.low <= d.high : d.low < d.high);
  if (!ok)
    throw new ModelError('invalid-input', `${d.type}: need finite low < high, got ${d.low} and ${d.high}`);
  return d;
}
