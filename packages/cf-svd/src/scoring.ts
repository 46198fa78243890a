import type { AlsModel } from './als';
import { type BlockScorer, createBlockScorer } from './block-scores';
import { CfError } from './errors';
import type { FoldedMfUser } from './fold-in';
import type { MfModel } from './mf';
import { dot } from './vector';

export interface ScoreItemsOptions {
  /** nItems x factors, row-major. */
  readonly itemFactors: Float32Array;
  /** The user's factor vector; its length is the factor count. */
  readonly userVector: Float32Array;
  /** Added per item when given (MF's b_i). */
  readonly itemBias?: Float32Array;
  /** Added to every score (MF's μ + b_u). Default 0. */
  readonly offset?: number;
  /** Where to write (length nItems); a fresh array by default, so a server can reuse one. */
  readonly out?: Float32Array;
}

/**
 * Scores of one user against every item, s_i = offset + b_i + x·q_i: one dense mat-vec over the
 * item factors, O(nItems x factors), no per-item allocation.
 */
export function scoreItems(options: ScoreItemsOptions): Float32Array {
  const { itemFactors, userVector, itemBias, offset = 0 } = options;
  const f = userVector.length;
  if (f === 0 || itemFactors.length % f !== 0) {
    throw new CfError(
      'invalid-input',
      `scoreItems: itemFactors length ${itemFactors.length} is not a multiple of ${f} factors`,
      { field: 'itemFactors' },
    );
  }
  const nItems = itemFactors.length / f;
  const out = options.out ?? new Float32Array(nItems);
  if (out.length !== nItems)
    throw new CfError('invalid-input', `scoreItems: out has length ${out.length}, expected ${nItems}`, {
      field: 'out',
    });
  if (itemBias !== undefined && itemBias.length !== nItems) {
    throw new CfError(
      'invalid-input',
      `scoreItems: itemBias has length ${itemBias.length}, expected ${nItems}`,
      { field: 'itemBias' },
    );
  }
  for (let i = 0; i < nItems; i++) {
    out[i] = offset + (itemBias === undefined ? 0 : itemBias[i]!) + dot(itemFactors, i * f, userVector, 0, f);
  }
  return out;
}

/**
 * MF scores μ + b_u + b_i + p_u·q_i of a trained user (dense index) or a folded-in one, for every
 * item. Unclipped: ranking needs the order, and clipping would tie everything above the scale.
 */
export function mfItemScores(model: MfModel, user: number | FoldedMfUser, out?: Float32Array): Float32Array {
  const folded = typeof user === 'number' ? trainedMfUser(model, user) : user;
  return scoreItems({
    itemFactors: model.itemFactors,
    userVector: folded.factors,
    itemBias: model.itemBias,
    offset: model.globalMean + folded.bias,
    ...(out === undefined ? {} : { out }),
  });
}

const scorers = new WeakMap<Float32Array, BlockScorer>();

/**
 * The model's block scorer (the SIMD kernel over its item factors), built on first use and kept
 * as long as the model: `alsItemScores` and batch scoring (`score(userFactors.subarray(...), n)`)
 * share it, so a user's scores are the same floats whichever way they were asked for.
 */
export function alsBlockScorer(model: AlsModel): BlockScorer {
  let scorer = scorers.get(model.itemFactors);
  if (scorer === undefined) {
    scorer = createBlockScorer(model.itemFactors, model.factors);
    scorers.set(model.itemFactors, scorer);
  }
  return scorer;
}

/** ALS preference scores x_u·y_i of a trained user (dense index) or a folded-in vector, for every item. */
export function alsItemScores(
  model: AlsModel,
  user: number | Float32Array,
  out?: Float32Array,
): Float32Array {
  let vector: Float32Array;
  if (typeof user === 'number') {
    checkUser('alsItemScores', user, model.nUsers);
    vector = model.userFactors.subarray(user * model.factors, (user + 1) * model.factors);
  } else {
    vector = user;
  }
  const target = out ?? new Float32Array(model.nItems);
  if (target.length !== model.nItems || vector.length !== model.factors) {
    throw new CfError(
      'invalid-input',
      `alsItemScores: expected a vector of ${model.factors} factors and out of ${model.nItems} items (got ${vector.length} and ${target.length})`,
      { field: target.length !== model.nItems ? 'out' : 'user' },
    );
  }
  target.set(alsBlockScorer(model).score(vector, 1));
  return target;
}

function trainedMfUser(model: MfModel, user: number): FoldedMfUser {
  checkUser('mfItemScores', user, model.nUsers);
  return {
    bias: model.userBias[user]!,
    factors: model.userFactors.subarray(user * model.factors, (user + 1) * model.factors),
  };
}

function checkUser(where: string, user: number, nUsers: number): void {
  if (!Number.isInteger(user) || user < 0 || user >= nUsers) {
    throw new CfError('invalid-input', `${where}: user ${user} is outside the model's 0..${nUsers - 1}`, {
      field: 'user',
    });
  }
}
