import { ModelError } from './errors';
import { LogisticRegression } from './logistic';
import { RandomForestClassifier } from './random-forest';
import type { Classifier, ModelKind, ParamsByKind } from './types';
import { XGBoostClassifier } from './xgboost';

/** A new, unfitted classifier of the given kind. Unknown or out-of-range params throw a ModelError. */
export function createClassifier<K extends ModelKind>(
  kind: K,
  params: Partial<ParamsByKind[K]> = {},
): Classifier<K> {
  switch (kind) {
    case 'xgboost':
      return new XGBoostClassifier(params as Partial<ParamsByKind['xgboost']>) as Classifier as Classifier<K>;
    case 'random-forest':
      return new RandomForestClassifier(
        params as Partial<ParamsByKind['random-forest']>,
      ) as Classifier as Classifier<K>;
    case 'logistic':
      return new LogisticRegression(
        params as Partial<ParamsByKind['logistic']>,
      ) as Classifier as Classifier<K>;
    default:
      throw new ModelError(
        'invalid-input',
        `unknown model kind '${String(kind)}'; expected xgboost, random-forest or logistic`,
      );
  }
}
