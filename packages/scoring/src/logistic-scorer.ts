import { ScoringError } from './errors';
import { checkFormatVersion } from './internal/json';
import { checkRows } from './internal/rows';
import type { Scorer } from './types';

/** `format` tag of the logistic-regression document `@reco/models` writes. */
export const LOGISTIC_FORMAT = 'reco-logistic';

/**
 * Scores a saved `reco-logistic` document: p = σ(b + Σ β_j (x_j − mean_j)) with b the intercept
 * moved to the centred form, and a missing cell taking its column's mean (so it adds nothing).
 * The arithmetic is `@reco/models`' own, in the same order, so the numbers are identical.
 */
export function logisticScorer(document: Record<string, unknown>, source: string): Scorer {
  checkFormatVersion(document.version, source, 'version');
  const names = document.featureNames;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new ScoringError('invalid-model', 'featureNames must be a list of strings', {
      file: source,
      field: 'featureNames',
    });
  }
  const n = names.length;
  const coefficients = numbers(document.coefficients, n, 'coefficients', source);
  const means = numbers(document.means, n, 'means', source);
  const intercept = numbers([document.intercept], 1, 'intercept', source)[0]!;
  let centred = intercept;
  for (let j = 0; j < n; j++) centred += coefficients[j]! * means[j]!;
  const featureNames: readonly string[] = [...(names as string[])];
  return {
    kind: 'logistic',
    nFeatures: n,
    featureNames,
    predictProba(X: Float32Array, nRows: number): Float32Array {
      checkRows('logistic.predictProba', X, nRows, n);
      const out = new Float32Array(nRows);
      for (let i = 0, o = 0; i < nRows; i++, o += n) {
        let margin = centred;
        for (let j = 0; j < n; j++) {
          const v = X[o + j]!;
          if (!Number.isNaN(v)) margin += coefficients[j]! * (v - means[j]!);
        }
        out[i] = 1 / (1 + Math.exp(-margin));
      }
      return out;
    },
  };
}

function numbers(value: unknown, length: number, field: string, source: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length || !value.every((v) => typeof v === 'number')) {
    throw new ScoringError('invalid-model', `${field} must be a list of ${length} numbers`, {
      file: source,
      field,
    });
  }
  return Float64Array.from(value as number[]);
}
