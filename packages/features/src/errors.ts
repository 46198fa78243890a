import { RecoError } from '@reco/core';

/**
 * The stable codes of `@reco/features` errors: `bad-option` (an option out of range),
 * `bad-input` (rows, ratings or requests that do not fit the store or pipeline), `empty-data`
 * (nothing to split or fit), `bad-pipeline-json` (a saved pipeline that cannot be read back),
 * `missing-split` (a predefined split the dataset does not carry) and `fit-failed` (a model inside
 * the pipeline failed).
 */
export type FeatureErrorCode =
  | 'bad-option'
  | 'bad-input'
  | 'empty-data'
  | 'bad-pipeline-json'
  | 'missing-split'
  | 'fit-failed';

/**
 * The one error class of `@reco/features`. Its message names the offending option or input and what
 * would make it valid, e.g. `stratifiedSplit: fractions must sum to 1 (got 0.7 + 0.2 + 0.15 = 1.05)`.
 */
export class FeatureError extends RecoError<FeatureErrorCode> {
  override readonly name = 'FeatureError';
}
