import {
  BinnedMatrix,
  type Classifier,
  createClassifier,
  gridSearch,
  type ModelKind,
  type ParamsByKind,
  randomSearch,
  type SearchResult,
  type ValidationSet,
} from '@reco/models';
import type { ModelName, TuneMode } from './config';
import { kindOf, type StudySearchSpaces, sharedParams, studySearchSpaces } from './search-spaces';
import { sampleRows } from './split';
import type { OnStudyProgress } from './stages';

/** How a variant's hyperparameters were chosen. */
export type VariantName = 'baseline' | 'grid' | 'random';

/** A training matrix and its labels. */
export interface TrainingSet {
  /** Row-major `nRows x nCols`. */
  readonly X: Float32Array;
  readonly nRows: number;
  readonly nCols: number;
  readonly y: Uint8Array;
  readonly names: readonly string[];
}

/** One fitted model x variant. */
export interface TrainedModel {
  readonly model: ModelName;
  readonly variant: VariantName;
  readonly classifier: Classifier;
  /** Wall-clock seconds of the final fit (the search not included). */
  readonly fitSeconds: number;
  /** The search that chose the parameters (tuned variants only). */
  readonly search: SearchSummary | null;
}

export interface SearchSummary {
  readonly candidates: number;
  readonly trainingRows: number;
  readonly seconds: number;
  /** Validation ROC AUC of the best candidate during the search. */
  readonly bestScore: number;
  readonly searched: Readonly<Record<string, unknown>>;
}

export interface TrainModelsOptions {
  readonly models: readonly ModelName[];
  readonly tune: TuneMode;
  readonly train: TrainingSet;
  /** Early stopping (XGBoost) and the searches' scoring set. */
  readonly validation: ValidationSet;
  readonly seed: number;
  /** Candidates of each random search. */
  readonly randomBudget: number;
  /** The spaces searched per model. Default: the study's (`STUDY_SEARCH_SPACES`). */
  readonly search?: StudySearchSpaces;
  /** Searches fit candidates on at most this many training rows (seeded sample); winners refit on all. */
  readonly searchRows: number;
  /** A baseline already fitted on this training set with the baseline parameters (reused as is). */
  readonly prefitted?: {
    readonly model: ModelName;
    readonly classifier: Classifier;
    readonly fitSeconds: number;
  } | null;
  readonly onProgress?: OnStudyProgress;
  readonly log?: (message: string) => void;
}

/**
 * Trains every requested model as a baseline (library defaults) and, per `tune`, as grid- and
 * random-searched variants. Searches score candidates by ROC AUC on the validation set; the
 * winner is refitted on every training row, XGBoost with early stopping on validation.
 */
export function trainModels(options: TrainModelsOptions): TrainedModel[] {
  const { models, tune, train, seed } = options;
  const variants: VariantName[] = ['baseline'];
  if (tune === 'grid' || tune === 'both') variants.push('grid');
  if (tune === 'random' || tune === 'both') variants.push('random');
  const run: VariantRun = {
    options,
    spaces: options.search ?? studySearchSpaces(),
    searchSet: variants.length > 1 ? sampleTrainingSet(train, options.searchRows, seed) : train,
    binning: sharedBinning(train),
  };
  const trained: TrainedModel[] = [];
  try {
    for (const model of models) {
      for (const variant of variants) trained.push(trainVariant(run, model, variant));
    }
  } finally {
    run.binning.dispose();
  }
  return trained;
}

/** What every model x variant of one `trainModels` call shares. */
interface VariantRun {
  readonly options: TrainModelsOptions;
  readonly spaces: StudySearchSpaces;
  /** The searches' training rows (a seeded sample of `train`). */
  readonly searchSet: TrainingSet;
  readonly binning: ReturnType<typeof sharedBinning>;
}

/** One model x variant: the prefitted baseline as is, else (searched and) fitted on every row. */
function trainVariant(run: VariantRun, model: ModelName, variant: VariantName): TrainedModel {
  const { train, validation, seed, onProgress, log, prefitted } = run.options;
  if (variant === 'baseline' && prefitted?.model === model) {
    log?.(`${model} baseline: reused from the CF comparison (fitted in ${prefitted.fitSeconds.toFixed(1)}s)`);
    return {
      model,
      variant,
      classifier: prefitted.classifier,
      fitSeconds: prefitted.fitSeconds,
      search: null,
    };
  }
  const kind = kindOf(model);
  const searched = variant === 'baseline' ? null : searchVariant(run, model, kind, variant);
  const params = searched?.params ?? sharedParams(kind, seed, false);
  const search = searched?.summary ?? null;
  const stage = `train ${model} ${variant}`;
  const classifier = createClassifier(kind, params);
  const report = classifier.fit(train.X, train.nRows, train.nCols, train.y, {
    featureNames: train.names,
    validation,
    binned: run.binning.forKind(kind),
    // Per round (XGBoost), per tree batch or per solver step, as the model reports it.
    onProgress: (p) => onProgress?.({ ...p, stage }),
  });
  log?.(
    `${model} ${variant}: fitted in ${report.seconds.toFixed(1)}s` +
      (report.validation ? `, validation AUC ${report.validation.score.toFixed(4)}` : '') +
      (search ? ` (search: ${search.candidates} candidates in ${search.seconds.toFixed(1)}s)` : ''),
  );
  return { model, variant, classifier, fitSeconds: report.seconds, search };
}

/** A grid or random search on the search rows: the winning parameters and what the search did. */
function searchVariant(
  run: VariantRun,
  model: ModelName,
  kind: ModelKind,
  variant: 'grid' | 'random',
): { params: Partial<ParamsByKind[ModelKind]>; summary: SearchSummary } {
  const { validation, seed, randomBudget, onProgress } = run.options;
  const result = runSearch(run.spaces, kind, variant, run.searchSet, validation, seed, randomBudget, (p) =>
    onProgress?.({ stage: `tune ${model} ${variant}`, done: p.done, total: p.total, unit: 'fits' }),
  );
  return {
    params: result.bestParams,
    summary: {
      candidates: result.trials.length,
      trainingRows: run.searchSet.nRows,
      seconds: result.seconds,
      bestScore: result.best.meanScore,
      searched: result.best.searched as Record<string, unknown>,
    },
  };
}

/** One binning of the training rows for the forest and XGBoost (and their refitted winners). */
function sharedBinning(train: TrainingSet) {
  let binned: BinnedMatrix | null = null;
  return {
    forKind(kind: ModelKind): BinnedMatrix | undefined {
      if (kind === 'logistic') return undefined;
      if (binned === null) binned = BinnedMatrix.create(train.X, train.nRows, train.nCols, train.y);
      return binned;
    },
    dispose: () => binned?.dispose(),
  };
}

function runSearch(
  spaces: StudySearchSpaces,
  kind: ModelKind,
  variant: 'grid' | 'random',
  set: TrainingSet,
  validation: ValidationSet,
  seed: number,
  randomBudget: number,
  onProgress: (p: { done: number; total: number }) => void,
): SearchResult<ModelKind> {
  const common = {
    X: set.X,
    nRows: set.nRows,
    nCols: set.nCols,
    y: set.y,
    featureNames: set.names,
    validation,
    scoring: 'roc-auc' as const,
    seed,
    onProgress,
  };
  // One call per kind keeps each search's space typed against its own parameters.
  switch (kind) {
    case 'xgboost': {
      const space = spaces.xgb;
      const baseParams = sharedParams('xgboost', seed, true);
      return variant === 'grid'
        ? gridSearch({ ...common, kind, baseParams, space: space.grid })
        : randomSearch({ ...common, kind, baseParams, space: space.random, nIter: randomBudget });
    }
    case 'random-forest': {
      const space = spaces.rf;
      const baseParams = sharedParams('random-forest', seed, true);
      return variant === 'grid'
        ? gridSearch({ ...common, kind, baseParams, space: space.grid })
        : randomSearch({ ...common, kind, baseParams, space: space.random, nIter: randomBudget });
    }
    case 'logistic': {
      const space = spaces.lr;
      const baseParams = sharedParams('logistic', seed, true);
      return variant === 'grid'
        ? gridSearch({ ...common, kind, baseParams, space: space.grid })
        : randomSearch({ ...common, kind, baseParams, space: space.random, nIter: randomBudget });
    }
  }
}

/** A seeded row sample of a training set (the whole set when it is small enough). */
function sampleTrainingSet(set: TrainingSet, maxRows: number, seed: number): TrainingSet {
  if (set.nRows <= maxRows) return set;
  const all = new Uint32Array(set.nRows);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const rows = sampleRows(all, maxRows, seed ^ 0x7e57);
  const X = new Float32Array(rows.length * set.nCols);
  const y = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    X.set(set.X.subarray(r * set.nCols, (r + 1) * set.nCols), i * set.nCols);
    y[i] = set.y[r]!;
  }
  return { X, nRows: rows.length, nCols: set.nCols, y, names: set.names };
}
