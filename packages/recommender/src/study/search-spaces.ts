import {
  type GridSpace,
  integer,
  logUniform,
  type ModelKind,
  type ParamsByKind,
  type RandomSpace,
  uniform,
} from '@reco/models';
import { MODEL_KINDS, type ModelName } from './config';

/**
 * The study's search spaces: small on purpose, so `reco train` with tuning stays within a minute
 * on ml-latest-small on two cores. They cover the settings that moved validation AUC most in
 * trial runs (tree depth and child weight for the boosted trees, the penalty for logistic
 * regression); `@reco/models`' `defaultSearchSpaces` are the wider spaces for longer runs.
 *
 * - xgb grid (4): maxDepth 6/8 x minChildWeight 1/10 at eta 0.1, early stopping.
 *   random: eta log-uniform 0.05-0.2, maxDepth 4-9, minChildWeight log-uniform 1-30,
 *   subsample and colsampleBytree 0.6-1, lambda log-uniform 0.5-10.
 * - rf grid (4): maxDepth 8/12 x colsampleBynode sqrt/0.5, 60 trees.
 *   random: maxDepth 8-14, colsampleBynode 0.2-0.6, minChildWeight log-uniform 1-20, 60 trees.
 * - lr grid (5): l2 1e-6 ... 1e-2 by decades. random: l2 log-uniform 1e-7-1e-1.
 */
export const STUDY_SEARCH_SPACES: {
  readonly [K in ModelKind]: { readonly grid: GridSpace<K>; readonly random: RandomSpace<K> };
} = {
  xgboost: {
    grid: { maxDepth: [6, 8], minChildWeight: [1, 10] },
    random: {
      eta: logUniform(0.05, 0.2),
      maxDepth: integer(4, 9),
      minChildWeight: logUniform(1, 30),
      subsample: uniform(0.6, 1),
      colsampleBytree: uniform(0.6, 1),
      lambda: logUniform(0.5, 10),
    },
  },
  'random-forest': {
    grid: { maxDepth: [8, 12], colsampleBynode: ['sqrt', 0.5] },
    random: {
      maxDepth: integer(8, 14),
      colsampleBynode: uniform(0.2, 0.6),
      minChildWeight: logUniform(1, 20),
    },
  },
  logistic: {
    grid: { l2: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2] },
    random: { l2: logUniform(1e-7, 1e-1) },
  },
};

/**
 * Settings every fit of a kind shares: the seed, all cores, and for tuned forests fewer trees
 * (a forest's AUC flattens out long before 100 trees; the baseline keeps the library default).
 */
export function sharedParams<K extends ModelKind>(kind: K, seed: number, tuned: boolean): Partial<ParamsByKind[K]> {
  const shared: { readonly [Kind in ModelKind]: Partial<ParamsByKind[Kind]> } = {
    xgboost: { seed, nthread: 0 },
    'random-forest': { seed, nthread: 0, ...(tuned ? { nTrees: 60 } : {}) },
    logistic: {},
  };
  return shared[kind];
}

export function kindOf(model: ModelName): ModelKind {
  return MODEL_KINDS[model];
}
