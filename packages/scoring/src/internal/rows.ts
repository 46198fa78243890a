import { ScoringError } from '../errors';

/** Checks `predictProba`'s arguments: a Float32Array of exactly nRows x nFeatures values. */
export function checkRows(what: string, X: Float32Array, nRows: number, nFeatures: number): void {
  if (!(X instanceof Float32Array)) {
    throw new ScoringError('invalid-input', `${what}: X must be a Float32Array`, { field: 'X' });
  }
  if (!Number.isInteger(nRows) || nRows < 0) {
    throw new ScoringError('invalid-input', `${what}: nRows is ${nRows}; expected an integer >= 0`, {
      field: 'nRows',
    });
  }
  if (X.length !== nRows * nFeatures) {
    throw new ScoringError(
      'invalid-input',
      `${what}: X has ${X.length} values but the model takes ${nFeatures} features, so ` +
        `${nRows} rows need ${nRows * nFeatures} values`,
      { field: 'X' },
    );
  }
}
