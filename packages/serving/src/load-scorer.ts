// integrator: switch to @reco/scoring
import { loadClassifierFromBytes as loadScorerFromBytes } from '@reco/models';
import { ServingError } from './errors';
import type { Scorer } from './scorer';

/**
 * The one place serving turns saved model bytes into a `Scorer`. `source` names the bytes in errors.
 * (Today through `@reco/models`; `@reco/scoring`'s `loadScorerFromBytes` has the same shape.)
 */
export function loadScorer(bytes: Uint8Array, source: string): Scorer {
  let scorer: Scorer | { readonly nFeatures: number | null };
  try {
    scorer = loadScorerFromBytes(bytes);
  } catch (error) {
    throw new ServingError('bad-artifacts', `${source}: ${(error as Error).message}`, {
      file: source,
      cause: error,
    });
  }
  if (scorer.nFeatures === null) {
    throw new ServingError('bad-artifacts', `${source}: the model was never fitted`, { file: source });
  }
  return scorer as Scorer;
}
