import { progressOption, type StudyContext } from '../context';
import { type TrainedModel, trainModels } from '../train-models';
import type { CfFeatureOutput } from './cf-feature';

/** Training rows each search candidate is fitted on (a seeded sample above this); winners refit on all. */
export const SEARCH_ROWS = 20_000;

export interface TrainOutput {
  /**
   * Every model x variant, fitted. The classifiers may hold native memory: `runStudy` disposes
   * them after a full run; a caller that stops at or after this stage disposes them itself.
   */
  readonly trained: readonly TrainedModel[];
}

/** Stage 5, train: every model as a baseline and, per `config.tune`, grid- and random-searched. */
export function trainStage(
  input: { readonly 'cf-feature': CfFeatureOutput },
  context: StudyContext,
): TrainOutput {
  const { config } = context;
  const { train, validation, baseline } = input['cf-feature'];
  const trained = trainModels({
    models: config.models,
    tune: config.tune,
    train,
    validation: { X: validation.X, nRows: validation.nRows, y: validation.y },
    seed: config.seed,
    randomBudget: config.randomBudget,
    search: config.search,
    searchRows: SEARCH_ROWS,
    prefitted: baseline,
    ...progressOption(context),
    log: context.log,
  });
  return { trained };
}
