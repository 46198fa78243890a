import { RecoError } from '@reco/core';

/** What went wrong, for callers and tests to branch on. */
export type RetrievalErrorCode =
  | 'invalid-option'
  | 'invalid-input'
  | 'item-cap-exceeded'
  | 'unknown-user'
  | 'invalid-model';

/** The one error class of `@reco/retrieval`; `field` names the option or input at fault. */
export class RetrievalError extends RecoError<RetrievalErrorCode> {
  override name = 'RetrievalError';
}

/** Throws unless `value` is a whole number >= `min`. */
export function checkInteger(value: number, field: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RetrievalError('invalid-option', `${field} must be a whole number >= ${min}, got ${value}`, {
      field,
    });
  }
}

/** Throws unless `value` is a finite number >= `min`. */
export function checkNumber(value: number, field: string, min: number): void {
  if (!(Number.isFinite(value) && value >= min)) {
    throw new RetrievalError('invalid-option', `${field} must be a finite number >= ${min}, got ${value}`, {
      field,
    });
  }
}
