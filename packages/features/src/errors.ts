/**
 * The one error class of `@reco/features`. Its message names the offending option or input and what
 * would make it valid, e.g. `stratifiedSplit: fractions must sum to 1 (got 0.7 + 0.2 + 0.15 = 1.05)`.
 */
export class FeatureError extends Error {
  override readonly name = 'FeatureError';
}
