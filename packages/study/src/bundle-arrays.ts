import { type ArrayInput, predictionKey } from '@reco/bundle';
import type { AlsModel, MfModel } from '@reco/cf-svd';
import type { FeaturePipeline, Split } from '@reco/features';
import type { TrainedModel } from './train-models';

/** What the bundle's `arrays/` folder is made from: the parts the write stage already holds. */
export interface BundleArraysInput {
  readonly pipeline: FeaturePipeline;
  readonly split: Pick<Split, 'train' | 'validation' | 'test'>;
  readonly trained: readonly Pick<TrainedModel, 'model' | 'variant'>[];
  /** Like probabilities per trained variant (same order), on the full validation and test parts. */
  readonly scores: { readonly validation: readonly Float32Array[]; readonly test: readonly Float32Array[] };
  readonly mf: MfModel;
  readonly als: AlsModel | null;
}

/**
 * The bundle's numeric arrays by name, for `writeArrays` (`arrays/<name>.npy`, each declared with
 * its dtype and shape in `manifest.arrays`): the feature pipeline's state (`pipeline/*`), the split's row indices
 * (`split/*`), every variant's saved probabilities (`scores/<model>-<variant>/{val,test}`) and
 * the serving CF factors and biases (`cf/mf/*`, `cf/als/*`). The same values as the JSON and
 * `.bin` files beside them, in a format NumPy (and Arrow, Julia, R) reads without reco.
 */
export function bundleArrays(input: BundleArraysInput): Record<string, ArrayInput> {
  const { pipeline, split, trained, scores, mf, als } = input;
  const arrays: Record<string, ArrayInput> = {};
  for (const [name, array] of Object.entries(pipeline.toArrays())) arrays[`pipeline/${name}`] = array;
  const parts = { train: split.train, validation: split.validation, test: split.test };
  for (const [part, rows] of Object.entries(parts)) {
    arrays[`split/${part}`] = {
      data: rows,
      description: `sorted ${part} row indices into data/ratings.bin (reco.columns, header data/ratings.json)`,
    };
  }
  trained.forEach((t, k) => {
    for (const [part, key, rows] of [
      ['validation', 'val', scores.validation[k]!],
      ['test', 'test', scores.test[k]!],
    ] as const) {
      arrays[`scores/${predictionKey(t.model, t.variant, key)}`] = {
        data: rows,
        description: `like probability of ${t.model} ${t.variant} per ${part} row, aligned with split/${part}`,
      };
    }
  });
  Object.assign(arrays, cfArrays('mf', mf));
  if (als !== null) Object.assign(arrays, cfArrays('als', als));
  return arrays;
}

function cfArrays(kind: 'mf' | 'als', model: MfModel | AlsModel): Record<string, ArrayInput> {
  const { nUsers, nItems, factors } = model;
  const what = kind === 'mf' ? 'biased MF (cf/mf.json: globalMean, rating scale)' : 'implicit ALS';
  const arrays: Record<string, ArrayInput> = {
    [`cf/${kind}/user_factors`]: {
      data: model.userFactors,
      shape: [nUsers, factors],
      description: `${what} user factors, dense user index x factor`,
    },
    [`cf/${kind}/item_factors`]: {
      data: model.itemFactors,
      shape: [nItems, factors],
      description: `${what} item factors, dense movie index x factor`,
    },
  };
  if (model.kind === 'mf') {
    arrays[`cf/${kind}/user_bias`] = { data: model.userBias, description: `${what} user bias b_u` };
    arrays[`cf/${kind}/item_bias`] = { data: model.itemBias, description: `${what} item bias b_i` };
  }
  return arrays;
}
