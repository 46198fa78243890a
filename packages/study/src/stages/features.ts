import { FeatureError, type FeaturePipeline, fitFeaturePipeline } from '@reco/features';
import { progressOption, type StudyContext } from '../context';
import { featureSet } from '../matrices';
import type { TrainingSet } from '../train-models';
import type { LoadOutput } from './load';
import type { SplitOutput } from './split';

export interface FeaturesOutput {
  /** Fitted on the training rows only (out of fold for the training rows themselves). */
  readonly pipeline: FeaturePipeline;
  /** Feature rows and like labels of `split.modelRows` and `split.fitValidationRows`. */
  readonly train: TrainingSet;
  readonly validation: TrainingSet;
}

export interface FeaturesInput {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
}

/** Stage 3, features: the pipeline without the CF family, and the matrices the models train on. */
export async function featuresStage(input: FeaturesInput, context: StudyContext): Promise<FeaturesOutput> {
  const pipeline = await fitStudyPipeline(input, context, false);
  if (pipeline === null) throw new Error('unreachable: the pipeline without CF always fits');
  return { pipeline, ...matrices(pipeline, input, context) };
}

/** The training and validation matrices of a fitted pipeline. */
export function matrices(
  pipeline: FeaturePipeline,
  { load, split }: FeaturesInput,
  context: StudyContext,
): { train: TrainingSet; validation: TrainingSet } {
  const { likeThreshold } = context.config;
  const { ratings } = load.dataset;
  return {
    train: featureSet(pipeline, ratings, split.modelRows, 'train', likeThreshold),
    validation: featureSet(pipeline, ratings, split.fitValidationRows, 'eval', likeThreshold),
  };
}

/**
 * `fitFeaturePipeline` on the training rows, with or without the pipeline's leakage-free CF
 * family. Null when the CF family is asked for and the pipeline cannot build it.
 */
export async function fitStudyPipeline(
  { load, split }: FeaturesInput,
  context: StudyContext,
  cf: boolean,
): Promise<FeaturePipeline | null> {
  const { seed, likeThreshold } = context.config;
  try {
    return await fitFeaturePipeline({
      dataset: load.dataset,
      trainRows: split.split.train,
      seed,
      likeThreshold,
      families: { ...context.config.families, ...(cf ? { cf: true } : {}) },
      ...progressOption(context),
    });
  } catch (error) {
    // The pipeline's 'cf' family is optional; without it the comparison adds the column itself.
    if (cf && error instanceof FeatureError && /cf/i.test(error.message)) return null;
    throw error;
  }
}
