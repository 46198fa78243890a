import { RecoError } from '@reco/core';

/** What kind of mistake an `EvaluationError` reports, for code that needs to branch on it. */
export type EvaluationErrorCode =
  | 'length-mismatch'
  | 'empty-input'
  | 'invalid-label'
  | 'invalid-score'
  | 'invalid-option'
  | 'invalid-structure'
  | 'undefined-metric';

/**
 * The one error class of `@reco/eval`. (Not `EvalError`: that name is a JavaScript built-in, and
 * shadowing it would make a forgotten import compile and silently match the wrong class.) Its
 * message says what is wrong and where, e.g. `labels[3] is 2, but labels must be 0 or 1`, so a
 * caller can print it as is; callers and tests branch on `code`.
 */
export class EvaluationError extends RecoError<EvaluationErrorCode> {
  override name = 'EvaluationError';
}
