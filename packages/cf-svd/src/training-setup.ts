/** Option checks and factor initialisation shared by `trainMf` and `trainAls`. Internal. */
import type { Rng } from '@reco/core';
import { CfError } from './errors';

/** Throws `invalid-option` for the first value, in the record's order, that is not an integer >= 1. */
export function checkPositiveIntegers(where: string, values: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new CfError('invalid-option', `${where}: ${name} must be a positive integer (got ${value})`, {
        field: name,
      });
    }
  }
}

/** Throws `invalid-option` for the first value, in the record's order, that is not a finite number >= 0. */
export function checkNonNegativeNumbers(where: string, values: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!(value >= 0 && Number.isFinite(value))) {
      throw new CfError('invalid-option', `${where}: ${name} must be a finite number >= 0 (got ${value})`, {
        field: name,
      });
    }
  }
}

/**
 * Gaussian init of the first `factors` entries of every `stride`-float row, matrix after matrix
 * from one stream (so the order of `matrices` is part of the seed's meaning); the padding stays zero.
 */
export function initialiseFactorRows(
  matrices: readonly Float32Array[],
  stride: number,
  factors: number,
  random: Rng,
  initStd: number,
): void {
  for (const matrix of matrices) {
    for (let row = 0; row < matrix.length; row += stride) {
      for (let k = 0; k < factors; k++) matrix[row + k] = random.nextGaussian() * initStd;
    }
  }
}
