import {
  type GridSpace,
  integer,
  logUniform,
  type ModelKind,
  type ParamsByKind,
  type RandomSpace,
  uniform,
} from '@reco/models';
import { MODEL_KINDS, MODEL_NAMES, type ModelName } from './config';

/**
 * The study's search spaces: small on purpose, so `reco train` with tuning stays within about a
 * minute on ml-latest-small on two cores. They cover the settings that moved validation AUC in
 * trial runs (tree depth, child weight and sampling for the boosted trees, depth and column share
 * for the forest); `@reco/models`' `defaultSearchSpaces` are the wider spaces for longer runs.
 *
 * - xgb grid (4): maxDepth 6/8 x minChildWeight 1/10 at eta 0.1, early stopping.
 *   random: eta log-uniform 0.05-0.2, maxDepth 4-9, minChildWeight log-uniform 1-30,
 *   subsample and colsampleBytree 0.6-1, lambda log-uniform 0.5-10.
 * - rf grid (4): maxDepth 8/10 x colsampleBynode sqrt/0.3, 40 trees (wider column shares cost
 *   more time per tree than they gain).
 *   random: maxDepth 8-11, colsampleBynode 0.1-0.35, minChildWeight log-uniform 1-20, 40 trees.
 * - lr grid (3): l2 1e-4, 1e-3, 1e-2. random: l2 log-uniform 1e-5-1e-1 (smaller penalties only
 *   slow the solver down; validation AUC is flat below 1e-3).
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
    grid: { maxDepth: [8, 10], colsampleBynode: ['sqrt', 0.3] },
    random: {
      maxDepth: integer(8, 11),
      colsampleBynode: uniform(0.1, 0.35),
      minChildWeight: logUniform(1, 20),
    },
  },
  logistic: {
    grid: { l2: [1e-4, 1e-3, 1e-2] },
    random: { l2: logUniform(1e-5, 1e-1) },
  },
};

/**
 * Settings every fit of a kind shares: the seed and all cores, logistic regression's solver
 * tolerance at scikit-learn's 1e-4, and for tuned forests fewer trees (a forest's AUC flattens out
 * long before 100 trees). Otherwise baselines keep the library defaults.
 */
export function sharedParams<K extends ModelKind>(
  kind: K,
  seed: number,
  tuned: boolean,
): Partial<ParamsByKind[K]> {
  const shared: { readonly [Kind in ModelKind]: Partial<ParamsByKind[Kind]> } = {
    xgboost: { seed, nthread: 0 },
    'random-forest': { seed, nthread: 0, ...(tuned ? { nTrees: 40 } : {}) },
    // scikit-learn's tol: at 2M rows 1e-6 took 99 L-BFGS steps (57 s) for an AUC settled long before.
    logistic: { tolerance: 1e-4 },
  };
  return shared[kind];
}

export function kindOf(model: ModelName): ModelKind {
  return MODEL_KINDS[model];
}

/** A model's two search spaces: the grid and the random space. */
export interface ModelSearchSpaces<K extends ModelKind> {
  readonly grid: GridSpace<K>;
  readonly random: RandomSpace<K>;
}

/** Every model's search spaces, by short model name (lr, rf, xgb). */
export type StudySearchSpaces = {
  readonly [M in ModelName]: ModelSearchSpaces<(typeof MODEL_KINDS)[M]>;
};

/** `StudyConfig.search`: per model, a grid and/or random space that replaces the study's own. */
export type StudySearchOverride = {
  readonly [M in ModelName]?: Partial<ModelSearchSpaces<(typeof MODEL_KINDS)[M]>>;
};

/** The study's spaces with `override`'s grid and random spaces put in place of theirs (not merged). */
export function studySearchSpaces(override: StudySearchOverride = {}): StudySearchSpaces {
  const out: Record<string, ModelSearchSpaces<ModelKind>> = {};
  for (const model of MODEL_NAMES) {
    const base = STUDY_SEARCH_SPACES[MODEL_KINDS[model]] as ModelSearchSpaces<ModelKind>;
    const given = (override[model] ?? {}) as Partial<ModelSearchSpaces<ModelKind>>;
    out[model] = { grid: given.grid ?? base.grid, random: given.random ?? base.random };
  }
  return out as unknown as StudySearchSpaces;
}
