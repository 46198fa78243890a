import { FeatureError } from './errors';
import { Random } from './random';

/**
 * Seeded K-fold assignment of n training rows: a shuffled order dealt round-robin, so fold sizes
 * differ by at most one. Folds depend on row positions only, never on ratings, so changing a
 * rating cannot move a row to another fold.
 */
export function assignFolds(n: number, folds: number, seed: number): Uint8Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  new Random(seed).shuffle(order);
  const fold = new Uint8Array(n);
  for (let rank = 0; rank < n; rank++) fold[order[rank]!] = rank % folds;
  return fold;
}

export function checkFoldAssignment(assignment: Uint8Array, n: number, folds: number): void {
  if (assignment.length !== n) {
    throw new FeatureError(
      `fitFeaturePipeline: foldAssignment has ${assignment.length} entries but trainRows has ${n}; give one fold per training row`,
    );
  }
  const seen = new Uint8Array(folds);
  for (let i = 0; i < n; i++) {
    const f = assignment[i]!;
    if (f >= folds) {
      throw new FeatureError(
        `fitFeaturePipeline: foldAssignment[${i}] = ${f} is not a fold in 0..${folds - 1}`,
      );
    }
    seen[f] = 1;
  }
  if (seen.includes(0)) {
    throw new FeatureError(
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
