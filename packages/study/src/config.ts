import type { FeatureFamily } from '@reco/features';
import { StudyError } from './errors';
import { RANKING_MAX_RATINGS } from './ranking-sample';
import { type StudySearchOverride, type StudySearchSpaces, studySearchSpaces } from './search-spaces';

/** Short model names on the command line, and the `@reco/models` kind each one trains. */
export const MODEL_KINDS = { lr: 'logistic', rf: 'random-forest', xgb: 'xgboost' } as const;
export type ModelName = keyof typeof MODEL_KINDS;
export const MODEL_NAMES = Object.keys(MODEL_KINDS) as readonly ModelName[];

/** How tuned variants are searched: none (baseline only), grid, random, or both. */
export type TuneMode = 'none' | 'grid' | 'random' | 'both';
export const TUNE_MODES: readonly TuneMode[] = ['none', 'grid', 'random', 'both'];

/**
 * random = stratified 70/15/15; user-time = each user's latest ratings held out; time = global cut;
 * netflix-probe = the Netflix Prize's own probe.txt as the test part (a Netflix Prize folder only).
 */
export type SplitName = 'random' | 'user-time' | 'time' | 'netflix-probe';
export const SPLIT_NAMES: readonly SplitName[] = ['random', 'user-time', 'time', 'netflix-probe'];

/** Whether the classifier gets the leakage-free CF feature: always, never, or when it helps. */
export type CfMode = 'on' | 'off' | 'auto';

/** The MovieLens rating scale; a like threshold outside it would make every row one class. */
export const RATING_SCALE = { min: 0.5, max: 5 } as const;

/** What `runStudy` does. Every field has a default; see `resolveStudyConfig`. */
export interface StudyConfig {
  /** Dataset folder, or a release name under `datasets/`. Default: the bundled `ml-latest-small`. */
  readonly data?: string;
  /** Default all three: lr, rf, xgb. */
  readonly models?: readonly ModelName[];
  /** Default 'both'. */
  readonly tune?: TuneMode;
  /** Default 'random'. */
  readonly split?: SplitName;
  /**
   * Like = rating >= likeThreshold. Default: the dataset's suggestion (3.5 on half-star releases, 4
   * on whole-star ones such as ml-100k, ml-1m and the Netflix Prize), 3.5 before the data is read.
   */
  readonly likeThreshold?: number;
  /** Train the classifiers on at most this many (seeded, random) training rows. Default: all. */
  readonly trainSample?: number | null;
  /** Default 42. */
  readonly seed?: number;
  /** Artifact folder. Default `artifacts`. */
  readonly out?: string;
  /**
   * The CF feature: 'auto' (default) measures the best model's validation AUC with and without it
   * and keeps it only when it helps; 'on' / 'off' force it (both are still reported when measured).
   */
  readonly cf?: CfMode;
  /** Configurations tried by the random search per model. Default 4. */
  readonly randomBudget?: number;
  /** Rows per validation/test scoring chunk. Default 262,144. */
  readonly chunkRows?: number;
  /** Train implicit ALS for the ranking comparison. Default true. */
  readonly als?: boolean;
  /** Write recommendations/top10.csv for every user. Default true. */
  readonly top10?: boolean;
  /** Run the ranking comparison (metrics/ranking.*) on a per-user temporal holdout. Default true. */
  readonly ranking?: boolean;
  /** Users the ranking comparison evaluates (a seeded sample above this). Default 1000. */
  readonly rankingUsers?: number;
  /** Feature families switched on or off over the pipeline's defaults, e.g. `{ time: true }`. */
  readonly families?: Partial<Record<FeatureFamily, boolean>>;
  /**
   * Bytes the run may use; a run estimated to need more fails in the load stage (StudyError
   * 'memory-limit'). Default null: the cgroup limit, else the machine's physical memory.
   */
  readonly memoryLimit?: number | null;
  /**
   * EASE's item cap in the ranking stage: the most-rated this many items are modelled (a dense
   * m x m inverse, m³ work). Default 1000. Above the cap EASE says so in the ranking log.
   */
  readonly easeMaxItems?: number;
  /**
   * The ranking comparison tunes and compares on a seeded sample of whole users holding about this
   * many ratings, so its cost does not grow with the data. Default 1,000,000.
   */
  readonly rankingMaxRatings?: number;
  /**
   * Search spaces per model (`xgb`, `rf`, `lr`): a `grid` or `random` space given here replaces
   * the study's (`STUDY_SEARCH_SPACES`) for that model; the other keeps the study's.
   */
  readonly search?: StudySearchOverride;
}

export interface ResolvedStudyConfig {
  readonly data: string;
  readonly models: readonly ModelName[];
  readonly tune: TuneMode;
  readonly split: SplitName;
  readonly likeThreshold: number;
  /** Whether `likeThreshold` was given (true) or is the default the load stage may replace (false). */
  readonly likeThresholdGiven: boolean;
  readonly trainSample: number | null;
  readonly seed: number;
  readonly out: string;
  readonly cf: CfMode;
  readonly randomBudget: number;
  readonly chunkRows: number;
  readonly als: boolean;
  readonly top10: boolean;
  readonly ranking: boolean;
  readonly rankingUsers: number;
  readonly families: Readonly<Partial<Record<FeatureFamily, boolean>>>;
  readonly memoryLimit: number | null;
  readonly easeMaxItems: number;
  readonly rankingMaxRatings: number;
  /** Every model's grid and random space, the study's with `search` put in place. */
  readonly search: StudySearchSpaces;
}

export const DEFAULT_DATA = 'ml-latest-small';

/**
 * Fills in defaults and rejects bad input before any work starts, with a message that names the
 * bad value and the accepted ones.
 */
export function resolveStudyConfig(config: StudyConfig = {}): ResolvedStudyConfig {
  const models = config.models ?? MODEL_NAMES;
  if (models.length === 0) fail('models: choose at least one of lr, rf, xgb');
  for (const m of models) {
    if (!(MODEL_NAMES as readonly string[]).includes(m)) {
      fail(`unknown model "${m}"; choose from ${MODEL_NAMES.join(', ')}`);
    }
  }
  const tune = config.tune ?? 'both';
  if (!TUNE_MODES.includes(tune)) fail(`unknown tuning mode "${tune}"; choose from ${TUNE_MODES.join(', ')}`);
  const split = config.split ?? 'random';
  if (!SPLIT_NAMES.includes(split)) fail(`unknown split "${split}"; choose from ${SPLIT_NAMES.join(', ')}`);
  const likeThreshold = config.likeThreshold ?? 3.5;
  // Strictly above the lowest rating, or every row would be a like.
  if (
    !(Number.isFinite(likeThreshold) && likeThreshold > RATING_SCALE.min && likeThreshold <= RATING_SCALE.max)
  ) {
    fail(
      `like threshold ${likeThreshold} is outside the rating scale; it must be above ${RATING_SCALE.min} and at most ${RATING_SCALE.max}`,
    );
  }
  const trainSample = config.trainSample ?? null;
  if (trainSample !== null && !(Number.isSafeInteger(trainSample) && trainSample >= 100)) {
    fail(`trainSample must be a whole number of rows >= 100 (got ${trainSample})`);
  }
  const seed = config.seed ?? 42;
  if (!(Number.isSafeInteger(seed) && seed >= 0 && seed <= 0x7fffffff)) {
    fail(`seed must be a whole number from 0 to 2147483647 (got ${seed})`);
  }
  const cf = config.cf ?? 'auto';
  if (cf !== 'on' && cf !== 'off' && cf !== 'auto')
    fail(`cf must be 'on', 'off' or 'auto' (got ${String(cf)})`);
  const randomBudget = config.randomBudget ?? 4;
  if (!(Number.isSafeInteger(randomBudget) && randomBudget >= 1)) {
    fail(`randomBudget must be a positive whole number (got ${randomBudget})`);
  }
  const chunkRows = config.chunkRows ?? 262_144;
  if (!(Number.isSafeInteger(chunkRows) && chunkRows >= 1)) {
    fail(`chunkRows must be a positive whole number (got ${chunkRows})`);
  }
  const easeMaxItems = config.easeMaxItems ?? 1000;
  if (!(Number.isSafeInteger(easeMaxItems) && easeMaxItems >= 1 && easeMaxItems <= 20_000)) {
    fail(`easeMaxItems must be a whole number from 1 to 20000 (got ${easeMaxItems})`);
  }
  const rankingMaxRatings = config.rankingMaxRatings ?? RANKING_MAX_RATINGS;
  if (!(Number.isSafeInteger(rankingMaxRatings) && rankingMaxRatings >= 1000)) {
    fail(`rankingMaxRatings must be a whole number of at least 1000 (got ${rankingMaxRatings})`);
  }
  const rankingUsers = config.rankingUsers ?? 1000;
  if (!(Number.isSafeInteger(rankingUsers) && rankingUsers >= 1)) {
    fail(`rankingUsers must be a positive whole number (got ${rankingUsers})`);
  }
  const memoryLimit = config.memoryLimit ?? null;
  if (memoryLimit !== null && !(Number.isFinite(memoryLimit) && memoryLimit > 0)) {
    fail(`memoryLimit must be a positive number of bytes (got ${memoryLimit})`);
  }
  return {
    data: config.data ?? DEFAULT_DATA,
    models: [...new Set(models)],
    tune,
    split,
    likeThreshold,
    likeThresholdGiven: config.likeThreshold !== undefined,
    trainSample,
    seed,
    out: config.out ?? 'artifacts',
    cf,
    randomBudget,
    chunkRows,
    als: config.als ?? true,
    top10: config.top10 ?? true,
    ranking: config.ranking ?? true,
    rankingUsers,
    families: { ...config.families },
    memoryLimit,
    easeMaxItems,
    rankingMaxRatings,
    search: studySearchSpaces(config.search),
  };
}

function fail(message: string): never {
  throw new StudyError('config', message);
}
