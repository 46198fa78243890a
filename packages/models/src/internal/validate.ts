import { ModelError } from '../errors';
import type { FitOptions, Labels } from '../types';

/** The argument a check is about, e.g. `X` or `validation.y`, for the error's `field`. */
function fieldOf(what: string, name: string): { field: string } {
  return { field: what.endsWith(' validation') ? `validation.${name}` : name };
}

/** Checks that X is a Float32Array holding exactly `nRows x nCols` values. */
export function checkMatrix(what: string, X: unknown, nRows: number, nCols: number): void {
  if (!(X instanceof Float32Array)) {
    throw new ModelError(
      'invalid-input',
      `${what}: X must be a Float32Array (row-major, NaN = missing)`,
      fieldOf(what, 'X'),
    );
  }
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new ModelError(
      'invalid-input',
      `${what}: nRows is ${nRows}; expected a non-negative integer`,
      fieldOf(what, 'nRows'),
    );
  }
  if (!Number.isInteger(nCols) || nCols < 1) {
    throw new ModelError(
      'invalid-input',
      `${what}: nCols is ${nCols}; expected a positive integer`,
      fieldOf(what, 'nCols'),
    );
  }
  if (X.length !== nRows * nCols) {
    throw new ModelError(
      'invalid-input',
      `${what}: X has ${X.length} values but nRows x nCols = ${nRows} x ${nCols} = ${nRows * nCols}`,
      fieldOf(what, 'X'),
    );
  }
}

export interface LabelCounts {
  readonly positives: number;
  readonly negatives: number;
}

/** Checks one label per row, each exactly 0 or 1, and that both classes occur. */
export function checkLabels(what: string, y: unknown, nRows: number): LabelCounts {
  if (!(y instanceof Uint8Array || y instanceof Float32Array)) {
    throw new ModelError(
      'invalid-input',
      `${what}: y must be a Uint8Array or Float32Array of 0/1 labels`,
      fieldOf(what, 'y'),
    );
  }
  if (y.length !== nRows) {
    throw new ModelError(
      'invalid-input',
      `${what}: y has ${y.length} labels for ${nRows} rows`,
      fieldOf(what, 'y'),
    );
  }
  let positives = 0;
  for (let i = 0; i < nRows; i++) {
    const v = y[i]!;
    if (v === 1) positives++;
    else if (v !== 0) {
      const shown = Number.isNaN(v) ? 'NaN' : String(v);
      throw new ModelError(
        'invalid-input',
        `${what}: y[${i}] is ${shown}; labels must be 0 or 1`,
        fieldOf(what, `y[${i}]`),
      );
    }
  }
  const negatives = nRows - positives;
  if (positives === 0 || negatives === 0) {
    throw new ModelError(
      'invalid-input',
      `${what}: every label is ${positives === 0 ? 0 : 1}; a classifier needs rows of both classes`,
      fieldOf(what, 'y'),
    );
  }
  return { positives, negatives };
}

/** Checks `featureNames` (one unique name per column) and fills in `f0..fN` when absent. */
export function resolveFeatureNames(
  what: string,
  names: readonly string[] | undefined,
  nCols: number,
): string[] {
  if (names === undefined) return Array.from({ length: nCols }, (_, j) => `f${j}`);
  if (names.length !== nCols) {
    throw new ModelError('invalid-input', `${what}: ${names.length} feature names for ${nCols} columns`, {
      field: 'featureNames',
    });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0) {
      throw new ModelError('invalid-input', `${what}: feature names must be non-empty strings`, {
        field: 'featureNames',
      });
    }
    if (seen.has(name))
      throw new ModelError('invalid-input', `${what}: feature name '${name}' appears twice`, {
        field: 'featureNames',
      });
    seen.add(name);
  }
  return [...names];
}

/**
 * What every fit checks before any work, in this order: the matrix, its labels, the feature names
 * and, when given, the validation set (same columns). Returns the label counts and the names.
 */
export function checkFitInputs(
  what: string,
  X: Float32Array,
  nRows: number,
  nCols: number,
  y: Labels,
  options: Pick<FitOptions, 'featureNames' | 'validation'>,
): { counts: LabelCounts; featureNames: string[] } {
  checkMatrix(what, X, nRows, nCols);
  const counts = checkLabels(what, y, nRows);
  const featureNames = resolveFeatureNames(what, options.featureNames, nCols);
  const { validation } = options;
  if (validation) {
    checkMatrix(`${what} validation`, validation.X, validation.nRows, nCols);
    checkLabels(`${what} validation`, validation.y, validation.nRows);
  }
  return { counts, featureNames };
}

/** Labels as the float vector libxgboost and the solvers take. */
export function labelsAsFloat32(y: Labels): Float32Array {
  return y instanceof Float32Array ? y : Float32Array.from(y);
}
