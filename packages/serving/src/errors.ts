import { RecoError } from '@reco/core';

/**
 * Stable codes of `@reco/serving` (the API maps them to HTTP statuses):
 * `unknown-user`, `unknown-movie`, `unknown-genre` (404 / 400 with `field` naming the request
 * field), `invalid-input` (a bad option or rating), `bad-artifacts` (the parts do not fit
 * together), `config`.
 */
export type ServingErrorCode =
  | 'unknown-user'
  | 'unknown-movie'
  | 'unknown-genre'
  | 'invalid-input'
  | 'bad-artifacts'
  | 'config';

/** The one error class of `@reco/serving`. */
export class ServingError extends RecoError<ServingErrorCode> {
  override name = 'ServingError';
}
