import { ModelError } from '../errors';
import type { Labels } from '../types';

/**
 * The scores hyperparameter search needs, kept here so @reco/models depends on no other package.
 * All take labels (0/1) and scores of class 1, and use only typed-array sorts (no comparator
 * callbacks), so they stay fast on millions of rows.
 */

/** Scores of positives and negatives, each sorted descending. */
function splitByClass(y: Labels, scores: ArrayLike<number>): { pos: Float64Array; neg: Float64Array } {
  if (y.length !== scores.length) {
    throw new ModelError('invalid-input', `metrics: ${y.length} labels but ${scores.length} scores`);
  }
  let nPos = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) nPos++;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(y.length - nPos);
  let p = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    const s = scores[i]!;
    if (Number.isNaN(s)) throw new ModelError('invalid-input', `metrics: score ${i} is NaN`);
    if (y[i] === 1) pos[p++] = s;
    else neg[n++] = s;
  }
  // Typed-array sort is numeric and ascending; read it backwards for descending order.
  pos.sort();
  neg.sort();
  return { pos, neg };
}

/**
 * Area under the ROC curve: P(score of a random positive > score of a random negative), ties
 * counting one half (the Mann-Whitney U statistic). NaN when a class is absent.
 */
export function rocAuc(y: Labels, scores: ArrayLike<number>): number {
  const { pos, neg } = splitByClass(y, scores);
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  // Walk negatives ascending; `below` counts positives strictly below, `equal` those tied.
  let wins = 0;
  let below = 0;
  for (let k = 0; k < neg.length; ) {
    const s = neg[k]!;
    let count = 0;
    while (k < neg.length && neg[k] === s) {
      k++;
      count++;
    }
    while (below < pos.length && pos[below]! < s) below++;
    let equal = 0;
    while (below + equal < pos.length && pos[below + equal] === s) equal++;
    wins += count * (pos.length - below - equal + 0.5 * equal);
  }
  return wins / (pos.length * neg.length);
}

/**
 * Area under the precision-recall curve as average precision: Σ_k (R_k − R_{k−1}) · P_k over
 * distinct score thresholds, tied scores entering together (scikit-learn's definition).
 */
export function prAuc(y: Labels, scores: ArrayLike<number>): number {
  const { pos, neg } = splitByClass(y, scores);
  if (pos.length === 0) return Number.NaN;
  let ip = pos.length - 1;
  let iN = neg.length - 1;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  while (ip >= 0 || iN >= 0) {
    // Next threshold: the largest score not yet consumed.
    const t = Math.max(
      ip >= 0 ? pos[ip]! : Number.NEGATIVE_INFINITY,
      iN >= 0 ? neg[iN]! : Number.NEGATIVE_INFINITY,
    );
    let newTp = 0;
    while (ip >= 0 && pos[ip] === t) {
      ip--;
      newTp++;
    }
    while (iN >= 0 && neg[iN] === t) {
      iN--;
      fp++;
    }
    tp += newTp;
    if (newTp > 0) ap += (newTp / pos.length) * (tp / (tp + fp));
  }
  return ap;
}

/** Mean binary cross-entropy, probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(y: Labels, probabilities: ArrayLike<number>): number {
  if (y.length !== probabilities.length) {
    throw new ModelError('invalid-input', `metrics: ${y.length} labels but ${probabilities.length} scores`);
  }
  const eps = 1e-15;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probabilities[i]!));
    sum -= y[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / y.length;
}

/** F1 of class 1 with rows scored >= threshold predicted positive. 0 when there is no true positive. */
export function f1Score(y: Labels, probabilities: ArrayLike<number>, threshold = 0.5): number {
  if (y.length !== probabilities.length) {
    throw new ModelError('invalid-input', `metrics: ${y.length} labels but ${probabilities.length} scores`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < y.length; i++) {
    const predicted = probabilities[i]! >= threshold;
    if (y[i] === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
