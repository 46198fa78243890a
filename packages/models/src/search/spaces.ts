import type { ModelKind, ParamsByKind } from '../types';
import {
  type ChoiceDistribution,
  choice,
  integer,
  logUniform,
  type NumericDistribution,
  uniform,
} from './distributions';

/** For `gridSearch`: the values to try per parameter; every combination is fitted. */
export type GridSpace<K extends ModelKind> = {
  readonly [P in keyof ParamsByKind[K]]?: readonly ParamsByKind[K][P][];
};

/**
 * For `randomSearch`: per parameter, a list (sampled uniformly), a `choice`, or, for numeric
 * parameters, `uniform` / `logUniform` / `integer`.
 */
export type RandomSpace<K extends ModelKind> = {
  readonly [P in keyof ParamsByKind[K]]?:
    | readonly ParamsByKind[K][P][]
    | ChoiceDistribution<ParamsByKind[K][P]>
    | (number extends ParamsByKind[K][P] ? NumericDistribution : never);
};

export interface DefaultSpaces<K extends ModelKind> {
  readonly grid: GridSpace<K>;
  readonly random: RandomSpace<K>;
}

/**
 * The spaces searched when none is given. Parameters not listed keep their defaults.
 *
 * - **xgboost** grid (18 fits per fold): maxDepth 4/6/8 × eta 0.05/0.1/0.3 × minChildWeight 1/5.
 *   Random: eta log-uniform 0.01–0.3, maxDepth 3–10, minChildWeight log-uniform 1–50,
 *   subsample and colsampleBytree uniform 0.5–1, lambda log-uniform 0.1–10, gamma 0/0.1/0.5/1.
 *   nRounds stays 300 with early stopping, so eta needs no matching round count.
 * - **random-forest** grid (9): maxDepth 6/8/10 × colsampleBynode sqrt/0.3/0.5.
 *   Random: maxDepth 6–12, colsampleBynode uniform 0.1–0.7, subsample uniform 0.5–0.9,
 *   minChildWeight log-uniform 1–20.
 * - **logistic** grid (5): l2 1e-6 … 1e-2 by decades. Random: l2 log-uniform 1e-7–1e-1,
 *   classWeight none or balanced.
 */
export const defaultSearchSpaces: { readonly [K in ModelKind]: DefaultSpaces<K> } = {
  xgboost: {
    grid: { maxDepth: [4, 6, 8], eta: [0.05, 0.1, 0.3], minChildWeight: [1, 5] },
    random: {
      eta: logUniform(0.01, 0.3),
      maxDepth: integer(3, 10),
      minChildWeight: logUniform(1, 50),
      subsample: uniform(0.5, 1),
      colsampleBytree: uniform(0.5, 1),
      lambda: logUniform(0.1, 10),
      gamma: choice([0, 0.1, 0.5, 1]),
    },
  },
  'random-forest': {
    grid: { maxDepth: [6, 8, 10], colsampleBynode: ['sqrt', 0.3, 0.5] },
    random: {
      maxDepth: integer(6, 12),
      colsampleBynode: uniform(0.1, 0.7),
      subsample: uniform(0.5, 0.9),
      minChildWeight: logUniform(1, 20),
    },
  },
  logistic: {
    grid: { l2: [1e-6, 1e-5, 1e-4, 1e-3, 1e-2] },
    random: { l2: logUniform(1e-7, 1e-1), classWeight: [null, 'balanced'] },
  },
};
