import { resolve } from 'node:path';
import type { BundleManifest } from '@reco/bundle';
import { createStageTimer, peakRssBytes } from '@reco/core';
import { resolveDatasetDir } from '@reco/data';
import type { ComparisonRow } from '@reco/eval';
import type { CfComparison } from './cf-comparison';
import { type ResolvedStudyConfig, resolveStudyConfig, type StudyConfig } from './config';
import type { StudyContext } from './context';
import type { StudyRanking } from './ranking';
import type { OnStudyProgress } from './stages';
import { adoptDatasetDefaults, type StudyDataset } from './stages/load';
import { type StudySplit, splitSummary } from './stages/split';
import {
  STAGE_NAMES,
  STAGE_TIMING_NAMES,
  STUDY_STAGES,
  type StageName,
  type StageOutputs,
  type StudyStages,
  type UpTo,
} from './study-stages';

export interface RunStudyOptions<U extends StageName = StageName> {
  readonly onProgress?: OnStudyProgress;
  /** One line per notable step (fits, decisions). Default: silent. */
  readonly log?: (message: string) => void;
  /** Stop after this stage and return what the stages so far produced (default: run all). */
  readonly until?: U;
  /** Replace stages by name, e.g. `{ train: myTrain }`; each keeps its typed input and output. */
  readonly stages?: Partial<StudyStages>;
}

/** What a prefix of the study produced: each stage's output by name, plus the timings. */
export type StudyPrefix<U extends StageName> = { readonly [N in UpTo<U>]: StageOutputs[N] } & {
  readonly config: ResolvedStudyConfig;
  readonly timings: Readonly<Record<string, number>>;
  readonly cpuTimings: Readonly<Record<string, number>>;
};

/** What a whole study did: the comparison table, the chosen model, the CF decision, timings, the bundle. */
export interface StudyResult {
  readonly config: ResolvedStudyConfig;
  /** Absolute path of the artifact bundle. */
  readonly out: string;
  readonly dataset: StudyDataset;
  readonly split: StudySplit;
  /** model x variant x split, with the metrics; what `metrics/comparison.json` holds. */
  readonly comparison: readonly ComparisonRow[];
  /** The model chosen by validation ROC AUC, with its validation-chosen threshold. */
  readonly best: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly cf: CfComparison;
  /** The ranking comparison of the strategies, when it ran (`ranking: true`). */
  readonly ranking: StudyRanking | null;
  /** Wall-clock seconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  /** CPU seconds per stage (all threads); steadier than wall time on a busy machine. */
  readonly cpuTimings: Readonly<Record<string, number>>;
  readonly totalSeconds: number;
  readonly peakRssBytes: number;
  readonly manifest: BundleManifest;
}

/**
 * The study, as the named stages of `STAGE_NAMES` run in order (see study-stages.ts): load →
 * split → features → cf-feature → train → evaluate → serving-cf → ranking → top-n → write. Each
 * is timed (wall and CPU) and reports through the one `onProgress`. Bad config fails before any
 * work. With `until` it returns the outputs so far; with `stages` a stage is replaced.
 *
 * @example
 * const result = await runStudy({ models: ['xgb'], tune: 'none', out: 'artifacts' });
 * result.best; // { model: 'xgb', variant: 'baseline', threshold: 0.43 }
 */
export async function runStudy(
  config?: StudyConfig,
  options?: RunStudyOptions<'write'>,
): Promise<StudyResult>;
export async function runStudy<U extends StageName>(
  config: StudyConfig,
  options: RunStudyOptions<U> & { readonly until: U },
): Promise<StudyPrefix<U>>;
export async function runStudy(
  config: StudyConfig = {},
  options: RunStudyOptions = {},
): Promise<StudyResult | StudyPrefix<StageName>> {
  const started = performance.now();
  const c = resolveStudyConfig(config);
  const timer = createStageTimer();
  let context: StudyContext = {
    config: c,
    dataDir: resolveDatasetDir(c.data),
    out: resolve(c.out),
    started,
    onProgress: options.onProgress,
    log: options.log ?? (() => {}),
    timings: timer,
  };
  const stages: StudyStages = { ...STUDY_STAGES, ...options.stages };
  const until = options.until ?? 'write';
  const outputs: Record<string, unknown> = {};
  const full = until === 'write';
  try {
    for (const name of STAGE_NAMES) {
      const stage = stages[name] as (input: unknown, context: StudyContext) => unknown;
      outputs[name] = await timer.time(STAGE_TIMING_NAMES[name], () => stage(outputs, context));
      if (name === 'load') context = adoptDatasetDefaults(context, outputs.load as StageOutputs['load']);
      if (name === until) break;
      // The matrices are not needed after training; on 20M ratings they are gigabytes. The
      // features stage's own are carried on by cf-feature (or replaced by the CF ones) before that.
      if (name === 'cf-feature') releaseMatrices(outputs, ['features']);
      if (name === 'train') releaseMatrices(outputs, ['cf-feature']);
    }
  } finally {
    if (full)
      for (const t of (outputs.train as StageOutputs['train'] | undefined)?.trained ?? [])
        t.classifier.dispose();
  }
  const timings = { timings: { ...timer.seconds }, cpuTimings: { ...timer.cpuSeconds } };
  if (!full) return { ...(outputs as unknown as StageOutputs), config: context.config, ...timings };
  return studyResult(outputs as unknown as StageOutputs, context, timings, started);
}

function releaseMatrices(
  outputs: Record<string, unknown>,
  names: readonly ('features' | 'cf-feature')[],
): void {
  const empty = { X: new Float32Array(0), nRows: 0, nCols: 0, y: new Uint8Array(0), names: [] };
  for (const name of names) {
    const output = outputs[name] as object;
    outputs[name] = { ...output, train: empty, validation: empty };
  }
}

function studyResult(
  outputs: StageOutputs,
  context: StudyContext,
  timings: Pick<StudyResult, 'timings' | 'cpuTimings'>,
  started: number,
): StudyResult {
  return {
    config: context.config,
    out: context.out,
    dataset: outputs.load.summary,
    split: splitSummary(outputs.split),
    comparison: outputs.evaluate.comparison,
    best: outputs.evaluate.best,
    cf: outputs['cf-feature'].comparison,
    ranking: outputs.ranking.ranking,
    ...timings,
    totalSeconds: (performance.now() - started) / 1000,
    peakRssBytes: peakRssBytes(),
    manifest: outputs.write.manifest,
  };
}
