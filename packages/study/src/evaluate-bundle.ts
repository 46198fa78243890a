import {
  BUNDLE_PATHS,
  type Bundle,
  modelPath,
  readBundle,
  readBundleBytes,
  readBundleJson,
} from '@reco/bundle';
import type { RatingsStore } from '@reco/data';
import { type ComparisonRow, classificationReport, toComparisonRow } from '@reco/eval';
import type { FeaturePipeline } from '@reco/features';
import { type Classifier, loadClassifierFromBytes } from '@reco/models';
import { readPipeline, readStoredData } from '@reco/serving';
import { StudyError } from './errors';
import { type ScoringChunk, scoreChunks } from './evaluate';
import type { OnStudyProgress } from './stages';

/** The metric keys `evaluateBundle` recomputes and compares with the saved table. */
const METRICS = ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'logLoss'] as const;

export interface EvaluateBundleResult {
  readonly dir: string;
  /** The comparison recomputed from the saved models, split and thresholds. */
  readonly comparison: readonly ComparisonRow[];
  /** The comparison as `reco train` saved it. */
  readonly saved: readonly ComparisonRow[];
  /** Largest |recomputed - saved| over every row and metric; ~1e-6 or less when nothing drifted. */
  readonly maxDifference: number;
  readonly seconds: number;
}

/**
 * Re-scores every saved model on the saved validation and test rows, without retraining: the
 * pipeline is read back from JSON and transforms the held-out (user, movie, time) pairs with the
 * full training statistics, exactly as training evaluated them; thresholds are the saved ones.
 */
export async function evaluateBundle(
  dir: string,
  options: { readonly onProgress?: OnStudyProgress; readonly chunkRows?: number } = {},
): Promise<EvaluateBundleResult> {
  const started = performance.now();
  const { onProgress, chunkRows = 262_144 } = options;
  // The .npy copies in arrays/ are for other tools; re-scoring reads the files they repeat.
  const bundle = await readBundle(dir, { include: (path) => !path.startsWith('arrays/') });
  const saved = readBundleJson(bundle, BUNDLE_PATHS.comparisonJson) as ComparisonRow[];
  if (!Array.isArray(saved) || saved.length === 0) {
    throw new StudyError('bad-artifacts', `${BUNDLE_PATHS.comparisonJson} holds no comparison rows`);
  }
  const data = readStoredData(bundle);
  const pipeline = readPipeline(bundle);
  const likeThreshold = pipeline.options.likeThreshold;
  const labels = {
    val: likeLabelsOf(data.ratings, data.split.validation, likeThreshold),
    test: likeLabelsOf(data.ratings, data.split.test, likeThreshold),
  };

  const variants = saved.filter((row) => row.split === 'val');
  const classifiers = [];
  try {
    for (const row of variants) classifiers.push(readClassifier(bundle, row.model, row.variant));
    const scores = {
      val: scoreChunks(
        pairChunks(pipeline, data.ratings, data.split.validation, chunkRows),
        data.split.validation.length,
        classifiers,
        (done) =>
          onProgress?.({
            stage: 'score validation',
            done,
            total: data.split.validation.length,
            unit: 'rows',
          }),
      ),
      test: scoreChunks(
        pairChunks(pipeline, data.ratings, data.split.test, chunkRows),
        data.split.test.length,
        classifiers,
        (done) => onProgress?.({ stage: 'score test', done, total: data.split.test.length, unit: 'rows' }),
      ),
    };
    const comparison: ComparisonRow[] = [];
    let maxDifference = 0;
    for (const row of saved) {
      const k = variants.findIndex((v) => v.model === row.model && v.variant === row.variant);
      if (k < 0) throw new StudyError('bad-artifacts', `${row.model} ${row.variant} has no validation row`);
      const threshold = variants[k]!.threshold;
      const split = row.split === 'test' ? 'test' : 'val';
      const report = classificationReport(labels[split], scores[split][k]!, { threshold });
      const fresh = toComparisonRow(report, { model: row.model, variant: row.variant, split });
      for (const key of METRICS) maxDifference = Math.max(maxDifference, Math.abs(fresh[key] - row[key]));
      comparison.push(fresh);
    }
    return {
      dir: bundle.dir,
      comparison,
      saved,
      maxDifference,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const c of classifiers) c.dispose();
  }
}

/**
 * Feature chunks for stored rows through `transformPairs` (a pipeline read from JSON has no
 * ratings store): each held-out row is its (user, movie, timestamp) pair.
 */
function* pairChunks(
  pipeline: FeaturePipeline,
  ratings: RatingsStore,
  rows: Uint32Array,
  chunkRows: number,
): Generator<ScoringChunk> {
  const size = Math.min(chunkRows, rows.length);
  const user = new Uint32Array(size);
  const movie = new Uint32Array(size);
  const timestamp = new Uint32Array(size);
  for (let start = 0; start < rows.length; start += chunkRows) {
    const n = Math.min(chunkRows, rows.length - start);
    for (let i = 0; i < n; i++) {
      const r = rows[start + i]!;
      user[i] = ratings.user[r]!;
      movie[i] = ratings.movie[r]!;
      timestamp[i] = ratings.timestamp[r]!;
    }
    const matrix = pipeline.transformPairs({
      user: user.subarray(0, n),
      movie: movie.subarray(0, n),
      timestamp: timestamp.subarray(0, n),
    });
    yield { start, nRows: n, data: matrix.data };
  }
}

function likeLabelsOf(ratings: RatingsStore, rows: Uint32Array, likeThreshold: number): Uint8Array {
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) labels[i] = ratings.rating[rows[i]!]! >= likeThreshold ? 1 : 0;
  return labels;
}

/** A saved variant as a training-side `Classifier` (any saved model, not only the served one). */
function readClassifier(bundle: Bundle, model: string, variant: string): Classifier {
  const path = modelPath(model, variant);
  try {
    return loadClassifierFromBytes(readBundleBytes(bundle, path), path);
  } catch (error) {
    throw new StudyError('bad-artifacts', (error as Error).message, { file: path, cause: error });
  }
}
