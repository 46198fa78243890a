import { ModelError } from '../errors';
import type { ModelKind } from '../types';

/**
 * Version of what @reco/models stores beside the model proper (the XGBoost attributes below, or
 * the logistic document). Bump on an incompatible change; older readers then refuse newer files.
 */
export const FORMAT_VERSION = 1;

/** Attributes stored inside XGBoost's JSON model (`learner.attributes`); Python ignores them. */
export const ATTR = {
  kind: 'reco_kind',
  format: 'reco_format',
  params: 'reco_params',
  featureNames: 'reco_feature_names',
  training: 'reco_training',
} as const;

/** `format` tag of the logistic-regression document. */
export const LOGISTIC_FORMAT = 'reco-logistic';

export type ParsedModel =
  | { readonly kind: 'logistic'; readonly document: Record<string, unknown> }
  | {
      readonly kind: 'xgboost' | 'random-forest';
      /** `learner.attributes` of the XGBoost model, all strings. */
      readonly attributes: Readonly<Record<string, string>>;
      /** `learner.feature_names` (empty when the model has none). */
      readonly nativeFeatureNames: readonly string[];
      /** False for a model trained elsewhere (e.g. in Python) without our attributes. */
      readonly hasRecoMetadata: boolean;
    };

/**
 * Decodes a saved model and says which kind it is, with an error a person can act on when the
 * bytes are not a model. Only JSON is accepted, so corrupt bytes never reach libxgboost's binary
 * parser.
 */
export function parseModel(bytes: Uint8Array, source: string): ParsedModel {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ModelError(
      'invalid-model',
      `not a readable model (${reason}). The file may be truncated or corrupt; ` +
        `@reco/models reads JSON models (XGBoost's JSON format, or its own logistic format).`,
      { file: source, cause: error },
    );
  }
  if (isRecord(json) && json.format === LOGISTIC_FORMAT) {
    checkVersion(json.version, source);
    return { kind: 'logistic', document: json };
  }
  if (isRecord(json) && isRecord(json.learner)) {
    const learner = json.learner;
    const attributes: Record<string, string> = {};
    if (isRecord(learner.attributes)) {
      for (const [key, value] of Object.entries(learner.attributes)) {
        if (typeof value === 'string') attributes[key] = value;
      }
    }
    const hasRecoMetadata = attributes[ATTR.kind] !== undefined;
    if (hasRecoMetadata) checkVersion(Number(attributes[ATTR.format]), source);
    const kind = attributes[ATTR.kind] ?? 'xgboost';
    if (kind !== 'xgboost' && kind !== 'random-forest') {
      throw new ModelError('invalid-model', `unknown model kind '${kind}'`, { file: source });
    }
    const names = Array.isArray(learner.feature_names) ? learner.feature_names : [];
    return {
      kind,
      attributes,
      nativeFeatureNames: names.filter((n): n is string => typeof n === 'string'),
      hasRecoMetadata,
    };
  }
  throw new ModelError(
    'invalid-model',
    `JSON but not a model: expected an XGBoost JSON model ("learner") or a "${LOGISTIC_FORMAT}" document`,
    { file: source },
  );
}

/** Reads a JSON attribute, reporting which one is broken instead of a bare SyntaxError. */
export function parseAttribute<T>(
  attributes: Readonly<Record<string, string>>,
  key: string,
  source: string,
): T {
  const raw = attributes[key];
  if (raw === undefined)
    throw new ModelError('invalid-model', `attribute '${key}' is missing`, { file: source });
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new ModelError('invalid-model', `attribute '${key}' is not valid JSON`, { file: source });
  }
}

const LOADERS: Record<ModelKind, string> = {
  xgboost: 'XGBoostClassifier.load()',
  'random-forest': 'RandomForestClassifier.load()',
  logistic: 'LogisticRegression.load()',
};

/** The error for a file holding another kind of model than the loader reads. */
export function wrongKind(actual: ModelKind, expected: ModelKind, source: string): ModelError {
  return new ModelError(
    'invalid-model',
    `holds a ${actual} model, not ${expected}; load it with loadClassifier() or ${LOADERS[actual]}`,
    { file: source },
  );
}

function checkVersion(version: unknown, source: string): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ModelError('invalid-model', `format version ${String(version)} is not valid`, { file: source });
  }
  if (version > FORMAT_VERSION) {
    throw new ModelError(
      'invalid-model',
      `saved in format ${version}, newer than this @reco/models reads (${FORMAT_VERSION}); upgrade @reco/models`,
      { file: source },
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
