/**
 * Deliberately naive reference implementations for tests: straight from the definitions, with
 * plain arrays and quadratic loops, sharing no code with the fast versions they check.
 */

/** ROC AUC by counting every (positive, negative) pair: 1 if the positive scores higher, 1/2 on a tie. */
export function pairCountAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

/** Precision and recall of `score >= t`, recounted from scratch for every distinct t (high to low). */
export function stepAveragePrecision(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const thresholds = [...new Set(Array.from(scores))].sort((a, b) => b - a);
  const positives = Array.from(labels).filter((label) => label === 1).length;
  let previousRecall = 0;
  let ap = 0;
  for (const t of thresholds) {
    let tp = 0;
    let predicted = 0;
    for (let i = 0; i < labels.length; i++) {
      if (scores[i]! >= t) {
        predicted++;
        if (labels[i] === 1) tp++;
      }
    }
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / predicted);
    previousRecall = recall;
  }
  return ap;
}

/** F1 of `score >= t` recounted from scratch. */
export function f1At(labels: ArrayLike<number>, scores: ArrayLike<number>, t: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i]! >= t;
    if (predicted && labels[i] === 1) tp++;
    else if (predicted) fp++;
    else if (labels[i] === 1) fn++;
  }
  return 2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
