import type { RatingsStore } from '@reco/data';
import { type FeaturePipeline, likeLabels, type RowPart } from '@reco/features';
import type { TrainingSet } from './train-models';

/** Feature rows and like labels for rows of the store the pipeline was fitted on. */
export function featureSet(
  pipeline: FeaturePipeline,
  ratings: RatingsStore,
  rows: Uint32Array,
  part: RowPart,
  likeThreshold: number,
): TrainingSet {
  const matrix = pipeline.transformRows(rows, { part });
  return {
    X: matrix.data,
    nRows: matrix.nRows,
    nCols: matrix.nCols,
    y: likeLabels(ratings, { rows, likeThreshold }),
    names: matrix.names,
  };
}

/** The same rows with one more column at the end (the out-of-fold CF prediction). */
export function withColumn(set: TrainingSet, column: Float32Array, name: string): TrainingSet {
  const { nRows, nCols } = set;
  const width = nCols + 1;
  const X = new Float32Array(nRows * width);
  // Row by row: one block copy per row, then the new value; no per-cell work.
  for (let i = 0; i < nRows; i++) {
    X.set(set.X.subarray(i * nCols, (i + 1) * nCols), i * width);
    X[i * width + nCols] = column[i]!;
  }
  return { X, nRows, nCols: width, y: set.y, names: [...set.names, name] };
}
