import { loadScorerFromBytes } from '@reco/scoring';
import { ServingError } from './errors';
import type { Scorer } from './scorer';

/**
 * The one place serving turns saved model bytes into a `Scorer`, through the native-free
 * `@reco/scoring` (so serving never loads libxgboost). `source` names the bytes in errors.
 */
export function loadScorer(bytes: Uint8Array, source: string): Scorer {
  try {
    return loadScorerFromBytes(bytes, source);
  } catch (error) {
    throw new ServingError('bad-artifacts', `${source}: ${(error as Error).message}`, {
      file: source,
      cause: error,
    });
  }
}
