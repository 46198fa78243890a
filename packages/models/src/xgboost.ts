import { ModelError } from './errors';
import {
  adoptBooster,
  BoosterClassifier,
  type BoostingPlan,
  parseBoosterModel,
} from './internal/booster-classifier';
import { readModelFile } from './internal/files';
import { resolveXGBoostParams, type XGBoostParams, xgboostNativeParams } from './xgboost-params';

/**
 * Gradient-boosted trees by libxgboost (`binary:logistic`, `hist` by default).
 *
 * ```ts
 * const model = new XGBoostClassifier({ maxDepth: 6, nRounds: 300 });
 * model.fit(X, nRows, nCols, y, { validation: { X: Xv, nRows: nv, y: yv } }); // early stopping
 * const p = model.predictProba(Xtest, nTest);
 * model.save('models/xgboost.json'); // XGBoost's JSON: Python's Booster().load_model() reads it
 * model.dispose();
 * ```
 */
export class XGBoostClassifier extends BoosterClassifier<'xgboost'> {
  readonly kind = 'xgboost' as const;

  /** Unknown keys and out-of-range values throw a ModelError. */
  constructor(params: Partial<XGBoostParams> = {}) {
    super(resolveXGBoostParams(params));
  }

  protected plan(): BoostingPlan {
    const p = this.params;
    return {
      nativeParams: xgboostNativeParams(p),
      nRounds: p.nRounds,
      earlyStoppingRounds: p.earlyStoppingRounds,
      evalMetric: p.evalMetric,
      nthread: p.nthread,
      maxBin: p.maxBin,
      stage: 'boosting',
      unit: 'rounds',
      progressTotal: p.nRounds,
    };
  }

  /**
   * Reads a model saved by `save` or by XGBoost itself (any JSON model with a `binary:logistic`
   * objective; a model trained elsewhere gets default `params`, which it does not record).
   */
  static load(path: string): XGBoostClassifier {
    return XGBoostClassifier.fromBytes(readModelFile(path), path);
  }

  static fromBytes(bytes: Uint8Array, source = 'model buffer'): XGBoostClassifier {
    const { parsed, params } = parseBoosterModel<XGBoostParams>(bytes, 'xgboost', source);
    let model: XGBoostClassifier;
    try {
      model = new XGBoostClassifier(params);
    } catch (error) {
      throw new ModelError('invalid-model', `${source}: stored params are invalid`, { cause: error });
    }
    return model[adoptBooster](bytes, parsed, source);
  }
}
