import { RecoError } from '@reco/core';

/**
 * The stable codes of {@link CfError}; callers and tests branch on these, never on the message.
 * - `invalid-option`: an option is out of its range (`field` names it)
 * - `invalid-input`: ratings, indices or matrices that do not fit the model or each other
 * - `out-of-memory`: the working set exceeds the 4 GiB a wasm32 memory can address
 * - `singular`: the normal equations of a fold-in have no unique solution
 * - `bad-model`: a serialized model is malformed, mixed up or of an unknown format
 * - `io`: a model file cannot be read or written
 * - `kernels-missing`: the compiled WebAssembly kernels are not built
 *
 * A failing worker thread surfaces as @reco/core's `RecoError` with code `worker-failed`.
 */
export type CfErrorCode =
  | 'invalid-option'
  | 'invalid-input'
  | 'out-of-memory'
  | 'singular'
  | 'bad-model'
  | 'io'
  | 'kernels-missing';

/**
 * The one error class of `@reco/cf-svd`. Its message names the offending option or input and what
 * would make it valid, e.g. `randomizedSvd: rank 80 exceeds min(nRows, nCols) = 50`.
 */
export class CfError extends RecoError<CfErrorCode> {
  override name = 'CfError';
}
