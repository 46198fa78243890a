import type { ComparisonRow } from '@reco/eval';
import { type FeaturePipeline, likeLabels, type Split } from '@reco/features';
import { round, type StudyContext } from '../context';
import {
  bestByValidation,
  comparisonRows,
  evaluateScores,
  type ModelEvaluation,
  scoreChunks,
} from '../evaluate';
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
export function evaluateStage(input: EvaluateInput, context: StudyContext): EvaluateOutput {
  const { likeThreshold, chunkRows } = context.config;
  const { ratings } = input.load.dataset;
  const { split } = input.split;
  const { trained } = input.train;
  const labels = {
    validation: likeLabels(ratings, { rows: split.validation, likeThreshold }),
    test: likeLabels(ratings, { rows: split.test, likeThreshold }),
  };
  const scores = scoreSplits(input['cf-feature'].pipeline, split, trained, chunkRows, context.onProgress);
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

/** Every model's like probabilities on the full validation and test parts, in feature chunks. */
function scoreSplits(
  pipeline: FeaturePipeline,
  split: Split,
  trained: readonly TrainedModel[],
  chunkRows: number,
  onProgress: OnStudyProgress | undefined,
): { validation: Float32Array[]; test: Float32Array[] } {
  const classifiers = trained.map((t) => t.classifier);
  const score = (rows: Uint32Array, stage: string) =>
    scoreChunks(
      pipeline.transformRowsInChunks(rows, { part: 'eval', chunkRows }),
      rows.length,
      classifiers,
      (done) => onProgress?.({ stage, done, total: rows.length, unit: 'rows' }),
    );
  return { validation: score(split.validation, 'score validation'), test: score(split.test, 'score test') };
}
