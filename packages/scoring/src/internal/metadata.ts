import { ScoringError } from '../errors';
import { checkFormatVersion, isRecord } from './json';

/** Attributes `@reco/models` stores inside XGBoost's JSON model (`learner.attributes`). */
export const ATTR = { kind: 'reco_kind', format: 'reco_format', featureNames: 'reco_feature_names' } as const;

export interface RecoMetadata {
  readonly kind: 'xgboost' | 'random-forest';
  /** `reco_feature_names`, else XGBoost's own `feature_names`, else null. */
  readonly featureNames: readonly string[] | null;
}

/** Our metadata in a tree model; a model trained elsewhere (no `reco_kind`) reads as `xgboost`. */
export function readRecoMetadata(document: unknown, source: string): RecoMetadata {
  const learner = isRecord(document) && isRecord(document.learner) ? document.learner : {};
  const attributes = isRecord(learner.attributes) ? learner.attributes : {};
  const native = Array.isArray(learner.feature_names) ? learner.feature_names : [];
  const nativeNames =
    native.length > 0 && native.every((n) => typeof n === 'string') ? (native as string[]) : null;
  const kind = attributes[ATTR.kind];
  if (kind === undefined) return { kind: 'xgboost', featureNames: nativeNames };
  checkFormatVersion(Number(attributes[ATTR.format]), source, `learner.attributes.${ATTR.format}`);
  if (kind !== 'xgboost' && kind !== 'random-forest') {
    throw new ScoringError('invalid-model', `unknown model kind '${String(kind)}'`, {
      file: source,
      field: `learner.attributes.${ATTR.kind}`,
    });
  }
  const raw = attributes[ATTR.featureNames];
  if (raw === undefined) return { kind, featureNames: nativeNames };
  let names: unknown;
  try {
    names = JSON.parse(String(raw));
  } catch (error) {
    names = error;
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new ScoringError('invalid-model', 'reco_feature_names is not a JSON list of strings', {
      file: source,
      field: `learner.attributes.${ATTR.featureNames}`,
    });
  }
  return { kind, featureNames: names };
}
