// Type-only: this module runs in the ratings worker, which must not load @reco/core at runtime.
import type { DataErrorCode } from '../errors';

/**
 * Strict parsing of one field's text, with a message a person can act on when it fails. Used by
 * the small-file readers and by the careful path of the byte-level kernels; never in a hot loop.
 */

/** A field failed: the message does not repeat the file and line; the caller's DataError adds them. */
export class FieldError extends Error {
  /** The stable code the DataError made from this gets; by default from the field (see `codeOfField`). */
  readonly code: DataErrorCode;

  constructor(
    readonly field: string,
    message: string,
    /** Set when the error is not about the current record (an unclosed quote further up). */
    readonly line?: number,
    code?: DataErrorCode,
  ) {
    super(message);
    this.code = code ?? codeOfField(field);
  }
}

const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Shows a value in a message: quoted, with long values shortened. */
export function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(shown);
}

/** A decimal number (`4`, `3.5`, `.5`, `1e-3`); no hex, no `Infinity`, no surrounding spaces. */
export function parseNumberField(text: string, field: string): number {
  if (text === '') throw new FieldError(field, `${field} is empty`);
  if (!NUMBER.test(text)) throw new FieldError(field, `${field} ${quote(text)} is not a number`);
  return Number(text);
}

/** A non-negative integer no larger than `max` (ids: 2^31 - 1; timestamps: 2^32 - 1). */
export function parseIntegerField(text: string, field: string, max = 0x7fffffff): number {
  if (text === '') throw new FieldError(field, `${field} is empty`);
  if (!NUMBER.test(text)) throw new FieldError(field, `${field} ${quote(text)} is not a number`);
  const value = Number(text);
  if (!Number.isInteger(value)) throw new FieldError(field, `${field} ${quote(text)} is not an integer`);
  if (value < 0) throw new FieldError(field, `${field} ${quote(text)} is negative`);
  if (value > max) throw new FieldError(field, `${field} ${quote(text)} is too large (max ${max})`);
  return value;
}

/** Like `parseIntegerField`, but an empty field gives null. */
export function parseOptionalIntegerField(text: string, field: string, max?: number): number | null {
  return text === '' ? null : parseIntegerField(text, field, max);
}

/** A rating scale: valid ratings are whole multiples of `step` in [min, max]. */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

/** ml-10m and every CSV release: 0.5 to 5 stars in half stars. */
export const HALF_STARS: RatingScale = { min: 0.5, max: 5, step: 0.5 };
/** ml-100k and ml-1m: 1 to 5 whole stars. */
export const WHOLE_STARS: RatingScale = { min: 1, max: 5, step: 1 };

export function parseRatingField(text: string, scale: RatingScale, field = 'rating'): number {
  const value = parseNumberField(text, field);
  if (value < scale.min || value > scale.max) {
    throw new FieldError(field, `${field} ${quote(text)} is outside the scale ${scale.min}-${scale.max}`);
  }
  const steps = value / scale.step;
  if (steps !== Math.round(steps)) {
    throw new FieldError(field, `${field} ${quote(text)} is not a multiple of ${scale.step}`);
  }
  return value;
}

/** The kernel's integer view of a scale (see `RatingsKernelConfig`). */
export function scaleInSteps(scale: RatingScale): {
  stepsPerUnit: number;
  minSteps: number;
  maxSteps: number;
} {
  const stepsPerUnit = 1 / scale.step;
  return { stepsPerUnit, minSteps: scale.min * stepsPerUnit, maxSteps: scale.max * stepsPerUnit };
}

/** The code of a row problem, from the field at fault (ids, rating, timestamp; '' for the row). */
export function codeOfField(field: string): DataErrorCode {
  if (field === 'rating') return 'bad-rating';
  if (field === 'timestamp' || field === 'date') return 'bad-timestamp';
  if (field === '') return 'bad-row';
  if (/id$/i.test(field)) return 'bad-id';
  return 'bad-value';
}

/** A FieldError for the row unless it has exactly the fields `names` (the message lists them). */
export function checkFieldCount(fields: readonly string[], names: readonly string[]): void {
  if (fields.length !== names.length) {
    throw new FieldError('', `expected ${names.length} fields (${names.join(', ')}), found ${fields.length}`);
  }
}

/** The catalog index of `movieId`, or an `unknown-movie` FieldError naming the catalog file. */
export function catalogIndexOf(movieId: number, movieTable: Int32Array, catalogFile: string): number {
  const movie = movieId < movieTable.length ? movieTable[movieId]! : -1;
  if (movie < 0) {
    throw new FieldError(
      'movieId',
      `movieId ${movieId} is not in ${catalogFile}`,
      undefined,
      'unknown-movie',
    );
  }
  return movie;
}
