import { createRng, deriveSeed } from '@reco/core';
import { CfError } from './errors';
import { type MfModel, type MfOptions, predictMfRows, trainMf } from './mf';
import type { OnCfProgress } from './types';

export interface OutOfFoldOptions {
  readonly user: Uint32Array;
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
  /** Rows the classifier trains on; each gets a prediction from a model that never saw it. */
  readonly trainRows: Uint32Array;
  /** Rows to predict, e.g. validation and test; any that are also train rows get their OOF value. */
  readonly predictRows: Uint32Array;
  /** K of the K-fold split of trainRows. Default 5. */
  readonly folds?: number;
  readonly seed: number;
  /** Options of every MF fit (their seeds are derived from `seed`). */
  readonly mfOptions?: Omit<MfOptions, 'seed' | 'onProgress'>;
  /** Called after each of the folds + 1 fits with stage 'mf-oof'. */
  readonly onProgress?: OnCfProgress;
}

export interface OutOfFoldResult {
  /** Aligned with trainRows: the prediction of the fold model that held the row out. */
  readonly trainPredictions: Float32Array;
  /** Aligned with predictRows. */
  readonly predictions: Float32Array;
  /** The model fitted on all train rows, which produced the predictions of non-train rows. */
  readonly model: MfModel;
}

/**
 * Leakage-free CF predictions to use as a classifier feature. Train rows are dealt into K seeded
 * folds; the model fitted on the other K-1 folds predicts each fold, so no train row's feature
 * has seen its own rating (stacking, Wolpert 1992). Rows outside trainRows are predicted by one
 * more model fitted on all train rows, the same model serving uses. K + 1 fits in total.
 */
export async function outOfFoldPredictions(options: OutOfFoldOptions): Promise<OutOfFoldResult> {
  const {
    user,
    item,
    rating,
    nUsers,
    nItems,
    trainRows,
    predictRows,
    folds = 5,
    seed,
    mfOptions = {},
  } = options;
  if (!Number.isInteger(folds) || folds < 2)
    throw new CfError('invalid-option', `outOfFoldPredictions: folds must be >= 2 (got ${folds})`, {
      field: 'folds',
    });
  if (trainRows.length < folds) {
    throw new CfError(
      'invalid-input',
      `outOfFoldPredictions: ${trainRows.length} train rows cannot fill ${folds} folds`,
      { field: 'trainRows' },
    );
  }
  const totalFits = folds + 1;

  // Seeded assignment of train positions to folds: a shuffled order cut into K near-equal parts.
  const order = new Uint32Array(trainRows.length);
  for (let t = 0; t < order.length; t++) order[t] = t;
  createRng(deriveSeed(seed, 0xf01d)).shuffle(order);
  const foldOf = new Uint8Array(trainRows.length);
  for (let j = 0; j < order.length; j++) foldOf[order[j]!] = Math.floor((j * folds) / order.length);

  const trainPredictions = new Float32Array(trainRows.length);
  const common = { user, item, rating, nUsers, nItems, ...mfOptions };
  for (let fold = 0; fold < folds; fold++) {
    let inFold = 0;
    for (let t = 0; t < foldOf.length; t++) if (foldOf[t] === fold) inFold++;
    const fitRows = new Uint32Array(trainRows.length - inFold);
    const heldOut = new Uint32Array(inFold);
    const heldOutAt = new Uint32Array(inFold);
    let a = 0;
    let b = 0;
    for (let t = 0; t < trainRows.length; t++) {
      if (foldOf[t] === fold) {
        heldOutAt[b] = t;
        heldOut[b++] = trainRows[t]!;
      } else {
        fitRows[a++] = trainRows[t]!;
      }
    }
    const model = await trainMf({ ...common, rows: fitRows, seed: deriveSeed(seed, fold) });
    const predicted = predictMfRows(model, { user, item, rows: heldOut });
    for (let j = 0; j < heldOut.length; j++) trainPredictions[heldOutAt[j]!] = predicted[j]!;
    options.onProgress?.({ stage: 'mf-oof', done: fold + 1, total: totalFits, unit: 'fits' });
  }

  const model = await trainMf({ ...common, rows: trainRows, seed: deriveSeed(seed, folds) });
  options.onProgress?.({ stage: 'mf-oof', done: totalFits, total: totalFits, unit: 'fits' });

  // Rows that are train rows keep their out-of-fold value; the rest get the full model's.
  const predictions = predictMfRows(model, { user, item, rows: predictRows });
  // A byte per row finds the overlap; the position map is only built when there is one.
  const isTrain = new Uint8Array(user.length);
  for (let t = 0; t < trainRows.length; t++) isTrain[trainRows[t]!] = 1;
  let overlap = false;
  for (let j = 0; j < predictRows.length && !overlap; j++) overlap = isTrain[predictRows[j]!] === 1;
  if (overlap) {
    const trainPosition = new Int32Array(user.length);
    for (let t = 0; t < trainRows.length; t++) trainPosition[trainRows[t]!] = t;
    for (let j = 0; j < predictRows.length; j++) {
      const row = predictRows[j]!;
      if (isTrain[row] === 1) predictions[j] = trainPredictions[trainPosition[row]!]!;
    }
  }
  return { trainPredictions, predictions, model };
}
