import { availableParallelism } from 'node:os';
import type { ComparisonRow } from '@reco/eval';
import { type FeaturePipeline, likeLabels, type Split } from '@reco/features';
import { createParallelScorer } from '@reco/scoring';
import { round, type StudyContext } from '../context';
import { bestByValidation, comparisonRows, evaluateScores, type ModelEvaluation } from '../evaluate';
import type { OnStudyProgress } from '../stages';
import type { TrainedModel } from '../train-models';
import type { CfFeatureOutput } from './cf-feature';
import type { LoadOutput } from './load';
import type { SplitOutput } from './split';
import type { TrainOutput } from './train';

export interface BestModel {
  readonly model: string;
  readonly variant: string;
  /** Chosen on validation (max F1), applied unchanged to test. */
  readonly threshold: number;
}

export interface EvaluateOutput {
  /** Each variant's like probabilities on the full validation and test parts, in `trained` order. */
  readonly scores: { readonly validation: Float32Array[]; readonly test: Float32Array[] };
  /** model x variant x split, with the metrics: what `metrics/comparison.json` holds. */
  readonly comparison: readonly ComparisonRow[];
  /** Highest validation ROC AUC (test is never looked at). */
  readonly best: BestModel;
  readonly bestModel: TrainedModel;
}

export interface EvaluateInput {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly train: TrainOutput;
}

/** Stage 6, evaluate: every variant on the full validation and test parts; the best by validation. */
export async function evaluateStage(input: EvaluateInput, context: StudyContext): Promise<EvaluateOutput> {
  const { likeThreshold, chunkRows } = context.config;
  const { ratings } = input.load.dataset;
  const { split } = input.split;
  const { trained } = input.train;
  const labels = {
    validation: likeLabels(ratings, { rows: split.validation, likeThreshold }),
    test: likeLabels(ratings, { rows: split.test, likeThreshold }),
  };
  const scores = await scoreSplits(
    input['cf-feature'].pipeline,
    split,
    trained,
    chunkRows,
    context.onProgress,
  );
  const evaluations: ModelEvaluation[] = scores.validation.map((validation, k) =>
    evaluateScores(labels, { validation, test: scores.test[k]! }),
  );
  const comparison = trained.flatMap((t, k) =>
    comparisonRows(t.model, t.variant, evaluations[k]!, {
      fitSeconds: round(t.fitSeconds, 2),
      searchCandidates: t.search?.candidates ?? 0,
      cfFeature: input['cf-feature'].comparison.used,
    }),
  );
  const chosen = bestByValidation(comparison);
  const bestIndex = trained.findIndex((t) => t.model === chosen.model && t.variant === chosen.variant);
  const bestEvaluation = evaluations[bestIndex]!;
  const best = { ...chosen, threshold: bestEvaluation.threshold };
  context.log(
    `best by validation ROC AUC: ${best.model} ${best.variant} (validation ${bestEvaluation.validation.rocAuc.toFixed(4)}, test ${bestEvaluation.test.rocAuc.toFixed(4)})`,
  );
  return { scores, comparison, best, bestModel: trained[bestIndex]! };
}

/** Validation + test rows from which evaluate scores on every core (below, on this thread). */
export const PARALLEL_SCORING_ROWS = 500_000;

/**
 * Every model's like probabilities on the full validation and test parts, in feature chunks: the
 * scorer's worker scores whole chunks while this thread builds the next one.
 */
async function scoreSplits(
  pipeline: FeaturePipeline,
  split: Split,
  trained: readonly TrainedModel[],
  chunkRows: number,
  onProgress: OnStudyProgress | undefined,
): Promise<{ validation: Float32Array[]; test: Float32Array[] }> {
  const partRows = split.validation.length + split.test.length;
  // A worker's start and model load (~1 s) pay off only on large parts.
  const threads = partRows >= PARALLEL_SCORING_ROWS ? Math.max(1, availableParallelism()) : 1;
  const scorer = await createParallelScorer(
    trained.map((t) => t.classifier.toBytes()),
    { threads, sources: trained.map((t) => `${t.model} ${t.variant}`) },
  );
  try {
    const score = (rows: Uint32Array, stage: string) =>
      scorer.scoreChunks(
        pipeline.transformRowsInChunks(rows, { part: 'eval', chunkRows }),
        rows.length,
        (done) => onProgress?.({ stage, done, total: rows.length, unit: 'rows' }),
      );
    return {
      validation: await score(split.validation, 'score validation'),
      test: await score(split.test, 'score test'),
    };
  } finally {
    await scorer.close();
  }
}
