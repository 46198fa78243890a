import type { StudyContext } from './context';
import { type CfFeatureOutput, cfFeatureStage } from './stages/cf-feature';
import { type EvaluateOutput, evaluateStage } from './stages/evaluate';
import { type FeaturesOutput, featuresStage } from './stages/features';
import { type LoadOutput, loadStage } from './stages/load';
import { type RankingOutput, rankingStage } from './stages/ranking';
import { type ServingCfOutput, servingCfStage } from './stages/serving-cf';
import { type SplitOutput, splitStage } from './stages/split';
import { type TopNOutput, topNStage } from './stages/top-n';
import { type TrainOutput, trainStage } from './stages/train';
import { type WriteOutput, writeStage } from './stages/write';

/** The study's stages, in the order `runStudy` runs them. */
export const STAGE_NAMES = [
  'load',
  'split',
  'features',
  'cf-feature',
  'train',
  'evaluate',
  'serving-cf',
  'ranking',
  'top-n',
  'write',
] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** What each stage returns. */
export interface StageOutputs {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
  readonly features: FeaturesOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly train: TrainOutput;
  readonly evaluate: EvaluateOutput;
  readonly 'serving-cf': ServingCfOutput;
  readonly ranking: RankingOutput;
  readonly 'top-n': TopNOutput;
  readonly write: WriteOutput;
}

/** The stages up to and including `U`, as a union of names. */
export type UpTo<
  U extends StageName,
  T extends readonly StageName[] = typeof STAGE_NAMES,
> = T extends readonly [infer H extends StageName, ...infer R extends readonly StageName[]]
  ? H extends U
    ? H
    : H | UpTo<U, R>
  : never;

/** The outputs of every stage before `N`: what stage `N` may read. */
export type StageInput<N extends StageName> = { readonly [K in Exclude<UpTo<N>, N>]: StageOutputs[K] };

/** A stage: typed input (the earlier stages' outputs) and output; it may be async. */
export type Stage<N extends StageName> = (
  input: StageInput<N>,
  context: StudyContext,
) => StageOutputs[N] | Promise<StageOutputs[N]>;

export type StudyStages = { readonly [N in StageName]: Stage<N> };

/** The default implementation of every stage (stages/<name>.ts). */
export const STUDY_STAGES: StudyStages = {
  load: loadStage,
  split: splitStage,
  features: featuresStage,
  'cf-feature': cfFeatureStage,
  train: trainStage,
  evaluate: evaluateStage,
  'serving-cf': servingCfStage,
  ranking: rankingStage,
  'top-n': topNStage,
  write: writeStage,
};

/** The timing keys `reco train` has always reported, per stage. */
export const STAGE_TIMING_NAMES: Readonly<Record<StageName, string>> = {
  load: 'load',
  split: 'split',
  features: 'features',
  'cf-feature': 'cf feature',
  train: 'train',
  evaluate: 'evaluate',
  'serving-cf': 'serving cf',
  ranking: 'ranking',
  'top-n': 'top10',
  write: 'write',
};
