import { ServingError } from '@reco/serving';
import type { FieldError } from './problem';

/** A request the schema accepted but the service cannot serve (e.g. `minYear` after `maxYear`): a 400. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field} ${e.message}`).join('; '));
  }
}

/**
 * The recommender knows the catalogue's genres; the schema does not. Its `unknown-genre` error
 * becomes a field error naming the parameter the client sent.
 */
export function withGenreField<T>(field: string, where: FieldError['in'], call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof ServingError && error.code === 'unknown-genre') {
      const reason = error.message.replace(/^[^:]*:\s*/, '');
      throw new InputError([{ field, in: where, message: `includes an ${reason}` }]);
    }
    throw error;
  }
}

/** Field errors for a year range whose ends are the wrong way round. */
export function checkYearRange(
  minYear: number | undefined,
  maxYear: number | undefined,
  where: FieldError['in'],
): void {
  if (minYear !== undefined && maxYear !== undefined && minYear > maxYear) {
    throw new InputError([{ field: 'maxYear', in: where, message: `must be >= minYear (${minYear})` }]);
  }
}
