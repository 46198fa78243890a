import { RecoError } from '@reco/core';

/**
 * Stable codes of `@reco/study`: `config` (a bad study option, `field` names it, checked before
 * any work), `bad-artifacts` (a saved bundle `evaluateBundle` cannot re-score), `invalid-input`, `memory-limit`
 * (the run is estimated to need more memory than the limit; checked in the load stage).
 */
export type StudyErrorCode = 'config' | 'bad-artifacts' | 'invalid-input' | 'memory-limit';

/** The one error class of `@reco/study`. */
export class StudyError extends RecoError<StudyErrorCode> {
  override name = 'StudyError';
}
