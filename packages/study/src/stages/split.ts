import type { Split } from '@reco/features';
import type { StudyContext } from '../context';
import { StudyError } from '../errors';
import { sampleRows, splitRatings } from '../split';
import type { LoadOutput } from './load';

/** Validation rows used to stop XGBoost early and to score search candidates (a seeded sample above this). */
export const FIT_VALIDATION_ROWS = 500_000;

export interface SplitOutput {
  readonly split: Split;
  /** Training rows the classifiers are fitted on (all, or a seeded `trainSample`). */
  readonly modelRows: Uint32Array;
  /** Validation rows for early stopping and search scoring (a seeded sample of at most 500,000). */
  readonly fitValidationRows: Uint32Array;
  /** Test rows the CF comparison reports on (a seeded sample of at most 500,000). */
  readonly fitTestRows: Uint32Array;
}

/** Stage 2, split: train / validation / test by `config.split`, and the seeded row samples. */
export async function splitStage(
  input: { readonly load: LoadOutput },
  context: StudyContext,
): Promise<SplitOutput> {
  const { seed, likeThreshold, trainSample } = context.config;
  if (
    context.config.split === 'netflix-probe' &&
    input.load.dataset.predefinedSplit?.kind !== 'netflix-probe'
  ) {
    throw new StudyError(
      'config',
      `split netflix-probe needs a Netflix Prize folder with probe.txt; ${input.load.dataset.source} has none (choose random, user-time or time)`,
      { field: 'split' },
    );
  }
  const split = splitRatings(input.load.dataset, {
    method: context.config.split,
    seed,
    likeThreshold,
  });
  return {
    split,
    modelRows: sampleRows(split.train, trainSample, seed),
    fitValidationRows: sampleRows(split.validation, FIT_VALIDATION_ROWS, seed + 1),
    fitTestRows: sampleRows(split.test, FIT_VALIDATION_ROWS, seed + 2),
  };
}

/** The split as the manifest and `StudyResult` describe it. */
export interface StudySplit {
  readonly method: string;
  readonly counts: { readonly train: number; readonly validation: number; readonly test: number };
  readonly likeShare: { readonly train: number; readonly validation: number; readonly test: number };
  readonly movedToTrain: number;
  readonly coldUserRows: number;
  /** Training rows the classifiers were fitted on (all, or `trainSample`). */
  readonly modelRows: number;
}

export function splitSummary({ split, modelRows }: SplitOutput): StudySplit {
  const { report } = split;
  return {
    method: report.method,
    counts: report.counts,
    likeShare: report.likeShare,
    movedToTrain: report.movedToTrain,
    coldUserRows: report.coldUserRows,
    modelRows: modelRows.length,
  };
}
