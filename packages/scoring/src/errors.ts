import { RecoError } from '@reco/core';

/** What went wrong, as a stable code a caller can branch on (the API maps codes to statuses). */
export type ScoringErrorCode =
  /** The bytes are not a model this package reads: not JSON, not a model, a newer format, or corrupt. */
  | 'invalid-model'
  /** The model is readable but cannot be scored here, e.g. a regression objective. */
  | 'unsupported-model'
  /** The rows passed to `predictProba` have the wrong type or shape. */
  | 'invalid-input'
  /** The WebAssembly kernel was asked for but cannot take this model, or was not built. */
  | 'kernel-unavailable';

/** The one error class of `@reco/scoring`. `field` names the model field or argument at fault. */
export class ScoringError extends RecoError<ScoringErrorCode> {
  override name = 'ScoringError';
}
