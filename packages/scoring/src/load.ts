import { ScoringError } from './errors';
import { isRecord, parseJsonBytes } from './internal/json';
import { LOGISTIC_FORMAT, logisticScorer } from './logistic-scorer';
import { loadTreeScorer } from './tree-scorer';
import type { Scorer } from './types';

/**
 * A scorer for the bytes `Classifier.toBytes()` (or `save`) wrote: an XGBoost or random-forest
 * JSON model, or a `reco-logistic` document. The kind is read from the bytes. `source` names
 * them in errors (a path, a bundle entry).
 */
export function loadScorerFromBytes(bytes: Uint8Array, source = 'model bytes'): Scorer {
  const document = parseJsonBytes(bytes, source);
  if (isRecord(document) && document.format === LOGISTIC_FORMAT) return logisticScorer(document, source);
  if (isRecord(document) && isRecord(document.learner)) return loadTreeScorer(document, {}, source);
  throw new ScoringError(
    'invalid-model',
    `JSON but not a model: expected an XGBoost JSON model ("learner") or a "${LOGISTIC_FORMAT}" document`,
    { file: source },
  );
}
