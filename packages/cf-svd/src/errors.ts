/**
 * The one error class of `@reco/cf-svd`. Its message names the offending option or input and what
 * would make it valid, e.g. `randomizedSvd: rank 80 exceeds min(nRows, nCols) = 50`.
 */
export class CfError extends Error {
  override readonly name = 'CfError';
}
