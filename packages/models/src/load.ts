import { readModelFile } from './internal/files';
import { parseModel } from './internal/model-file';
import { LogisticRegression } from './logistic';
import { RandomForestClassifier } from './random-forest';
import type { Classifier } from './types';
import { XGBoostClassifier } from './xgboost';

/**
 * Reads any model `save` wrote and returns the right classifier, telling the kind from the file
 * (an XGBoost JSON model without our metadata, e.g. one trained in Python, loads as `xgboost`).
 */
export function loadClassifier(path: string): Classifier {
  return loadClassifierFromBytes(readModelFile(path), path);
}

/** Same as `loadClassifier`, from the bytes `toBytes()` returned. `source` names them in errors. */
export function loadClassifierFromBytes(bytes: Uint8Array, source = 'model buffer'): Classifier {
  const { kind } = parseModel(bytes, source);
  switch (kind) {
    case 'xgboost':
      return XGBoostClassifier.fromBytes(bytes, source);
    case 'random-forest':
      return RandomForestClassifier.fromBytes(bytes, source);
    case 'logistic':
      return LogisticRegression.fromBytes(bytes, source);
  }
}
