import { ModelError } from './errors';
import { NativeBooster, NativeDMatrix } from './internal/libxgboost';

/** Learning-to-rank settings, passed to libxgboost as they are named there. */
export interface RankerParams {
  /** `rank:ndcg` (LambdaMART on NDCG, default) or `rank:pairwise`. */
  readonly objective?: 'rank:ndcg' | 'rank:pairwise';
  /** Boosting rounds. Default 100. */
  readonly nRounds?: number;
  /** Learning rate. Default 0.1. */
  readonly eta?: number;
  /** Tree depth. Default 6. */
  readonly maxDepth?: number;
  /** Minimum hessian per leaf. Default 1. */
  readonly minChildWeight?: number;
  /** Row subsample per tree. Default 1. */
  readonly subsample?: number;
  /** Threads; <= 0 means all cores. Default 1. */
  readonly nthread?: number;
  readonly seed?: number;
}

// Scores are margins: XGBoost's ranking objectives output an order, not a probability.
const PREDICT =
  '{"type":0,"training":false,"iteration_begin":0,"iteration_end":0,"strict_shape":false,"missing":NaN,"cache_id":0}';

/**
 * An XGBoost ranker (libxgboost with a ranking objective). Rows come grouped by query (for reco:
 * one group per user, its candidate items), `groupSizes` says how many consecutive rows each group
 * has, and `relevance` grades each row (0 = not relevant). The native booster has a lifecycle, so
 * call `dispose()` when done.
 */
export class XGBoostRanker {
  readonly #booster: NativeBooster;
  readonly nCols: number;

  private constructor(booster: NativeBooster, nCols: number) {
    this.#booster = booster;
    this.nCols = nCols;
  }

  /** Trains on row-major `X` (nRows x nCols, NaN = missing). */
  static fit(
    X: Float32Array,
    nRows: number,
    nCols: number,
    groupSizes: Uint32Array,
    relevance: Float32Array,
    params: RankerParams = {},
  ): XGBoostRanker {
    checkShapes(X, nRows, nCols, groupSizes, relevance);
    const { objective = 'rank:ndcg', nRounds = 100, eta = 0.1, maxDepth = 6 } = params;
    const dtrain = NativeDMatrix.fromDense(X, nRows, nCols, params.nthread ?? 1);
    try {
      dtrain.setLabels(relevance);
      dtrain.setGroups(groupSizes);
      const booster = NativeBooster.create([dtrain]);
      const settings: [string, string][] = [
        ['objective', objective],
        ['eta', String(eta)],
        ['max_depth', String(maxDepth)],
        ['min_child_weight', String(params.minChildWeight ?? 1)],
        ['subsample', String(params.subsample ?? 1)],
        ['nthread', String(params.nthread ?? 1)],
        ['seed', String(params.seed ?? 0)],
        ['tree_method', 'hist'],
      ];
      for (const [name, value] of settings) booster.setParam(name, value);
      for (let round = 0; round < nRounds; round++) booster.updateOneIteration(round, dtrain);
      return new XGBoostRanker(booster, nCols);
    } finally {
      dtrain.free();
    }
  }

  /** Ranking scores (higher = ranked earlier) for row-major `X`; only their order within a group matters. */
  predict(X: Float32Array, nRows: number): Float32Array {
    if (X.length !== nRows * this.nCols) {
      throw new ModelError(
        'invalid-input',
        `X has ${X.length} values, expected nRows x nCols = ${nRows} x ${this.nCols}`,
      );
    }
    if (nRows === 0) return new Float32Array(0);
    const dmat = NativeDMatrix.fromDense(X, nRows, this.nCols, 1);
    try {
      return this.#booster.predictDMatrix(dmat, PREDICT, nRows);
    } finally {
      dmat.free();
    }
  }

  /** The model in XGBoost's own JSON format (Python's `Booster.load_model` reads it). */
  toJson(): Uint8Array {
    return this.#booster.saveJson();
  }

  /** A ranker from `toJson()` bytes (or any XGBoost JSON ranking model with `nCols` features). */
  static fromJson(bytes: Uint8Array): XGBoostRanker {
    const booster = NativeBooster.fromBuffer(bytes);
    return new XGBoostRanker(booster, booster.numFeatures());
  }

  dispose(): void {
    this.#booster.free();
  }
}

function checkShapes(
  X: Float32Array,
  nRows: number,
  nCols: number,
  groups: Uint32Array,
  relevance: Float32Array,
): void {
  if (
    !Number.isInteger(nRows) ||
    nRows < 1 ||
    !Number.isInteger(nCols) ||
    nCols < 1 ||
    X.length !== nRows * nCols
  ) {
    throw new ModelError(
      'invalid-input',
      `X has ${X.length} values, expected nRows x nCols = ${nRows} x ${nCols} (both >= 1)`,
    );
  }
  if (relevance.length !== nRows) {
    throw new ModelError(
      'invalid-input',
      `relevance has ${relevance.length} entries but there are ${nRows} rows`,
    );
  }
  let total = 0;
  for (let g = 0; g < groups.length; g++) total += groups[g]!;
  if (total !== nRows) {
    throw new ModelError(
      'invalid-input',
      `groupSizes add up to ${total} rows but there are ${nRows}; one size per query, in row order`,
    );
  }
  for (let i = 0; i < nRows; i++) {
    if (!(relevance[i]! >= 0))
      throw new ModelError('invalid-input', `relevance[${i}] is ${relevance[i]}, but relevance must be >= 0`);
  }
}
