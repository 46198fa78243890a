import {
  type ClassificationReport,
  type ComparisonRow,
  classificationReport,
  selectThreshold,
  toComparisonRow,
} from '@reco/eval';
import type { FeatureChunk } from '@reco/features';
import type { Classifier } from '@reco/models';
import { StudyError } from './errors';

/** A block of feature rows: `nRows x nCols`, row-major, for request rows `start ..`. */
export type ScoringChunk = Pick<FeatureChunk, 'start' | 'nRows' | 'data'>;

/**
 * Like probabilities of several classifiers over the same rows, one pass over feature chunks:
 * each chunk is built once and scored by every model, so 3M validation rows are featurized once
 * however many models there are, and never held whole.
 */
export function scoreChunks(
  chunks: Iterable<ScoringChunk>,
  nRows: number,
  classifiers: readonly Classifier[],
  onChunk?: (done: number) => void,
): Float32Array[] {
  const out = classifiers.map(() => new Float32Array(nRows));
  for (const chunk of chunks) {
    classifiers.forEach((classifier, k) => {
      out[k]!.set(classifier.predictProba(chunk.data, chunk.nRows), chunk.start);
    });
    onChunk?.(chunk.start + chunk.nRows);
  }
  return out;
}

/** One model's evaluation: the threshold chosen on validation, applied unchanged to test. */
export interface ModelEvaluation {
  readonly threshold: number;
  readonly validation: ClassificationReport;
  readonly test: ClassificationReport;
}

export function evaluateScores(
  labels: { readonly validation: Uint8Array; readonly test: Uint8Array },
  scores: { readonly validation: Float32Array; readonly test: Float32Array },
): ModelEvaluation {
  const { threshold } = selectThreshold(labels.validation, scores.validation, { strategy: 'max-f1' });
  return {
    threshold,
    validation: classificationReport(labels.validation, scores.validation, { threshold }),
    test: classificationReport(labels.test, scores.test, { threshold }),
  };
}

/** The two comparison rows (val, test) of one model x variant. */
export function comparisonRows(
  model: string,
  variant: string,
  evaluation: ModelEvaluation,
  extra: Readonly<Record<string, unknown>> = {},
): ComparisonRow[] {
  return [
    toComparisonRow(evaluation.validation, { model, variant, split: 'val', extra }),
    toComparisonRow(evaluation.test, { model, variant, split: 'test', extra }),
  ];
}

/**
 * The best model x variant by validation ROC AUC. Test rows are never looked at, so choosing the
 * model does not leak the test set; ties keep the earlier row.
 */
export function bestByValidation(rows: readonly ComparisonRow[]): { model: string; variant: string } {
  let best: ComparisonRow | null = null;
  for (const row of rows) {
    if (row.split !== 'val') continue;
    if (best === null || row.rocAuc > best.rocAuc) best = row;
  }
  if (best === null)
    throw new StudyError('invalid-input', 'bestByValidation: no validation rows to choose from');
  return { model: best.model, variant: best.variant };
}
