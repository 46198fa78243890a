import { ModelError } from './errors';
import {
  adoptBooster,
  BoosterClassifier,
  type BoostingPlan,
  parseBoosterModel,
} from './internal/booster-classifier';
import { readModelFile } from './internal/files';
import {
  type RandomForestParams,
  randomForestNativeParams,
  resolveRandomForestParams,
} from './random-forest-params';

/**
 * A random forest grown by libxgboost's random-forest mode (one round of `nTrees` parallel trees,
 * row and per-split column sampling, learning rate 1).
 *
 * ```ts
 * const forest = new RandomForestClassifier({ nTrees: 100 });
 * forest.fit(X, nRows, nCols, y);
 * const p = forest.predictProba(Xtest, nTest);
 * forest.dispose();
 * ```
 */
export class RandomForestClassifier extends BoosterClassifier<'random-forest'> {
  readonly kind = 'random-forest' as const;

  /** Unknown keys and out-of-range values throw a ModelError. */
  constructor(params: Partial<RandomForestParams> = {}) {
    super(resolveRandomForestParams(params));
  }

  protected plan(nCols: number): BoostingPlan {
    const p = this.params;
    return {
      nativeParams: randomForestNativeParams(p, nCols),
      nRounds: 1,
      earlyStoppingRounds: null,
      evalMetric: p.evalMetric,
      nthread: p.nthread,
      maxBin: p.maxBin,
      stage: 'growing trees',
      unit: 'trees',
      progressTotal: p.nTrees,
    };
  }

  static load(path: string): RandomForestClassifier {
    return RandomForestClassifier.fromBytes(readModelFile(path), path);
  }

  static fromBytes(bytes: Uint8Array, source = 'model buffer'): RandomForestClassifier {
    const { parsed, params } = parseBoosterModel<RandomForestParams>(bytes, 'random-forest', source);
    let model: RandomForestClassifier;
    try {
      model = new RandomForestClassifier(params);
    } catch (error) {
      throw new ModelError('invalid-model', `${source}: stored params are invalid`, { cause: error });
    }
    return model[adoptBooster](bytes, parsed, source);
  }
}
