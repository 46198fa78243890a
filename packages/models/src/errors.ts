import { RecoError } from '@reco/core';

/**
 * What went wrong, as a stable code a caller can branch on (the API maps codes to HTTP statuses;
 * the CLI prints the message).
 */
export type ModelErrorCode =
  /** libxgboost could not be found or loaded. */
  | 'library-not-found'
  /** libxgboost returned an error; the message is `XGBGetLastError()` verbatim. */
  | 'native'
  /** Shapes, labels or parameters the caller passed are wrong. */
  | 'invalid-input'
  /** A saved model is corrupt, of an unknown kind or from a newer format version. */
  | 'invalid-model'
  /** `predictProba`, `save` or `featureImportance` before `fit`. */
  | 'not-fitted'
  /** A method was called after `dispose()`. */
  | 'disposed'
  /** Reading or writing a model file failed. */
  | 'io';

/**
 * The one error class of `@reco/models`, a `RecoError` with the codes above. Its message is meant
 * for a person: it says what was wrong and, where there is one, what to do about it.
 */
export class ModelError extends RecoError<ModelErrorCode> {
  override name = 'ModelError';
}
