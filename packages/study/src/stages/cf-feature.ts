import type { FeaturePipeline } from '@reco/features';
import { type CfComparisonResult, compareCf } from '../cf-comparison';
import { progressOption, type StudyContext } from '../context';
import type { TrainingSet } from '../train-models';
import { type FeaturesInput, type FeaturesOutput, fitStudyPipeline, matrices } from './features';

export interface CfFeatureOutput {
  /** The decision and its measurements (`metrics/cf.json`). */
  readonly comparison: CfComparisonResult['comparison'];
  /** The compared model fitted on the kept feature set: the train stage reuses it as that baseline. */
  readonly baseline: CfComparisonResult['baseline'];
  /** The pipeline and matrices the served models train on: with the CF family when it is kept. */
  readonly pipeline: FeaturePipeline;
  readonly train: TrainingSet;
  readonly validation: TrainingSet;
}

/**
 * Stage 4, cf-feature: the same model with and without the pipeline's CF family, compared by
 * validation ROC AUC (`config.cf`: 'auto' keeps it only if it helps); the kept feature set goes on.
 */
export async function cfFeatureStage(
  input: FeaturesInput & { readonly features: FeaturesOutput },
  context: StudyContext,
): Promise<CfFeatureOutput> {
  const { config } = context;
  const { load, split, features } = input;
  const result = await compareCf({
    mode: config.cf,
    models: config.models,
    dataset: load.dataset,
    likeThreshold: config.likeThreshold,
    seed: config.seed,
    modelRows: split.modelRows,
    trainRows: split.split.train,
    validationRows: split.fitValidationRows,
    testRows: split.fitTestRows,
    pipeline: features.pipeline,
    train: features.train,
    validation: features.validation,
    fitCfPipeline: () => fitStudyPipeline(input, context, true),
    ...progressOption(context),
    log: context.log,
  });
  const { comparison, baseline } = result;
  if (result.pipeline === null) return { comparison, baseline, ...features };
  return { comparison, baseline, pipeline: result.pipeline, ...matrices(result.pipeline, input, context) };
}
