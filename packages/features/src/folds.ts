import { createRng } from '@reco/core';
import { FeatureError } from './errors';

/**
 * Seeded K-fold assignment of n training rows with fold sizes differing by at most one. Sequential
 * sampling: each row joins fold k with probability (rows fold k still needs) / (rows left), which
 * makes every balanced assignment equally likely without shuffling an index array. Folds depend on
 * row positions only, never on ratings, so changing a rating cannot move a row to another fold.
 */
export function assignFolds(n: number, folds: number, seed: number): Uint8Array {
  const need = new Float64Array(folds);
  for (let k = 0; k < folds; k++) need[k] = Math.floor(n / folds) + (k < n % folds ? 1 : 0);
  const random = createRng(seed);
  const fold = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let x = random.nextInt(n - i);
    let k = 0;
    while (x >= need[k]!) x -= need[k++]!;
    need[k]!--;
    fold[i] = k;
  }
  return fold;
}

export function checkFoldAssignment(assignment: Uint8Array, n: number, folds: number): void {
  if (assignment.length !== n) {
    throw new FeatureError(
      'bad-option',
      `fitFeaturePipeline: foldAssignment has ${assignment.length} entries but trainRows has ${n}; give one fold per training row`,
    );
  }
  const seen = new Uint8Array(folds);
  for (let i = 0; i < n; i++) {
    const f = assignment[i]!;
    if (f >= folds) {
      throw new FeatureError(
        'bad-option',
        `fitFeaturePipeline: foldAssignment[${i}] = ${f} is not a fold in 0..${folds - 1}`,
      );
    }
    seen[f] = 1;
  }
  if (seen.includes(0)) {
    throw new FeatureError(
      'bad-option',
      `fitFeaturePipeline: foldAssignment leaves a fold empty; every one of the ${folds} folds needs rows`,
    );
  }
}

/** Independent seeds for the pipeline's random steps, derived from the one user seed. */
export function deriveSeed(seed: number, salt: number): number {
  let z = Math.imul(seed ^ salt, 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}
