import { FeatureError } from './errors';
import { DEFAULT_LIKE_THRESHOLD } from './labels';
import { FEATURE_FAMILIES, type FeatureFamily } from './layout';
import { assertInteger, assertLikeThreshold, assertNonNegative, assertSeed } from './validate';

/** How missing values (cold users and movies, unknown years) are written. */
export type MissingMode = 'impute' | 'nan';

/** 'honest' learns statistics from training rows only, out of fold; 'deck' reproduces the leak. */
export type Protocol = 'honest' | 'deck';

/** Options of the collaborative-filtering score family (matrix factorisation from `@reco/cf-svd`). */
export interface CfFeatureOptions {
  /** Latent dimensions. Default 32. */
  readonly factors?: number;
  /** SGD epochs per model. Default 20. */
  readonly epochs?: number;
  readonly learningRate?: number;
  readonly regularization?: number;
  readonly biasRegularization?: number;
}

/** Everything that shapes the features; serialized with the pipeline. */
export interface FeaturePipelineOptions {
  /** Like = rating >= likeThreshold (in 0.5..5). Default 3.5. */
  readonly likeThreshold?: number;
  /** K of the out-of-fold scheme for training rows (2..32). Default 5. */
  readonly folds?: number;
  /** Seeds the fold assignment, the content SVD and the CF models. */
  readonly seed: number;
  /** Virtual ratings at the user's mean added to each genre preference. Default 5. */
  readonly genrePriorWeight?: number;
  /** Virtual ratings at the global mean added to each movie mean. Default 10. */
  readonly movieMeanPriorWeight?: number;
  /** Length of the "recent" window at the end of training, in days. Default 90. */
  readonly trendingDays?: number;
  /** A movie trends when its recent share is at least this multiple of the global one. Default 2. */
  readonly trendingLift?: number;
  /** ...and it has at least this many recent ratings. Default 5. */
  readonly trendingMinRatings?: number;
  /** Width of the content embeddings (TF-IDF + SVD). Default 32. */
  readonly contentDims?: number;
  /** Content terms must occur in at least this many movies. Default 2. */
  readonly minDocumentFrequency?: number;
  /** Genome tags count from this relevance up. Default 0.5. */
  readonly genomeMinRelevance?: number;
  /** 'impute' (default) writes explicit imputed values plus flags; 'nan' leaves missing values NaN. */
  readonly missing?: MissingMode;
  /** Standardize numeric columns with a scaler fitted on the training rows. Default true. */
  readonly scale?: boolean;
  /** Default 'honest'. 'deck' is leaky on purpose and logs a warning. */
  readonly protocol?: Protocol;
  /** Families to output. Default: user, movie, interaction, content (cf, baseline, taste, time are opt-in). */
  readonly families?: Partial<Record<FeatureFamily, boolean>>;
  /** Settings of the 'cf' family. */
  readonly cf?: CfFeatureOptions;
}

export interface ResolvedCfOptions {
  readonly factors: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly regularization: number;
  readonly biasRegularization: number;
}

export interface ResolvedFeatureOptions {
  readonly likeThreshold: number;
  readonly folds: number;
  readonly seed: number;
  readonly genrePriorWeight: number;
  readonly movieMeanPriorWeight: number;
  readonly trendingDays: number;
  readonly trendingLift: number;
  readonly trendingMinRatings: number;
  readonly contentDims: number;
  readonly minDocumentFrequency: number;
  readonly genomeMinRelevance: number;
  readonly missing: MissingMode;
  readonly scale: boolean;
  readonly protocol: Protocol;
  readonly families: Readonly<Record<FeatureFamily, boolean>>;
  readonly cf: ResolvedCfOptions;
}

const DEFAULT_FAMILIES: Readonly<Record<FeatureFamily, boolean>> = {
  user: true,
  movie: true,
  interaction: true,
  content: true,
  cf: false,
  // Off until the quality protocol shows they raise validation AUC on most of its datasets.
  baseline: false,
  taste: false,
  time: false,
};

/** Applies the documented defaults and rejects out-of-range values with a message that names them. */
export function resolveOptions(
  options: FeaturePipelineOptions,
  where = 'fitFeaturePipeline',
): ResolvedFeatureOptions {
  const resolved: ResolvedFeatureOptions = {
    likeThreshold: options.likeThreshold ?? DEFAULT_LIKE_THRESHOLD,
    folds: options.folds ?? 5,
    seed: options.seed,
    genrePriorWeight: options.genrePriorWeight ?? 5,
    movieMeanPriorWeight: options.movieMeanPriorWeight ?? 10,
    trendingDays: options.trendingDays ?? 90,
    trendingLift: options.trendingLift ?? 2,
    trendingMinRatings: options.trendingMinRatings ?? 5,
    contentDims: options.contentDims ?? 32,
    minDocumentFrequency: options.minDocumentFrequency ?? 2,
    genomeMinRelevance: options.genomeMinRelevance ?? 0.5,
    missing: options.missing ?? 'impute',
    scale: options.scale ?? true,
    protocol: options.protocol ?? 'honest',
    families: { ...DEFAULT_FAMILIES, ...options.families },
    cf: {
      factors: options.cf?.factors ?? 32,
      epochs: options.cf?.epochs ?? 20,
      learningRate: options.cf?.learningRate ?? 0.007,
      regularization: options.cf?.regularization ?? 0.06,
      biasRegularization: options.cf?.biasRegularization ?? 0.02,
    },
  };
  assertLikeThreshold(where, resolved.likeThreshold);
  assertSeed(where, resolved.seed);
  assertInteger(where, 'folds', resolved.folds, 2, 32);
  assertNonNegative(where, 'genrePriorWeight', resolved.genrePriorWeight);
  assertNonNegative(where, 'movieMeanPriorWeight', resolved.movieMeanPriorWeight);
  assertNonNegative(where, 'trendingDays', resolved.trendingDays);
  assertNonNegative(where, 'trendingLift', resolved.trendingLift);
  assertNonNegative(where, 'trendingMinRatings', resolved.trendingMinRatings);
  assertInteger(where, 'contentDims', resolved.contentDims, 1, 1024);
  assertInteger(where, 'minDocumentFrequency', resolved.minDocumentFrequency, 1, Number.MAX_SAFE_INTEGER);
  assertNonNegative(where, 'genomeMinRelevance', resolved.genomeMinRelevance);
  assertInteger(where, 'cf.factors', resolved.cf.factors, 1, 1024);
  assertInteger(where, 'cf.epochs', resolved.cf.epochs, 1, 10_000);
  if (resolved.missing !== 'impute' && resolved.missing !== 'nan') {
    throw new FeatureError(
      'bad-option',
      `${where}: missing must be 'impute' or 'nan' (got ${String(resolved.missing)})`,
    );
  }
  if (resolved.protocol !== 'honest' && resolved.protocol !== 'deck') {
    throw new FeatureError(
      'bad-option',
      `${where}: protocol must be 'honest' or 'deck' (got ${String(resolved.protocol)})`,
    );
  }
  for (const key of Object.keys(resolved.families)) {
    if (!FEATURE_FAMILIES.includes(key as FeatureFamily)) {
      throw new FeatureError(
        'bad-option',
        `${where}: unknown feature family '${key}' (known: ${FEATURE_FAMILIES.join(', ')})`,
      );
    }
  }
  if (!FEATURE_FAMILIES.some((f) => resolved.families[f])) {
    throw new FeatureError(
      'bad-option',
      `${where}: every feature family is switched off; enable at least one`,
    );
  }
  return resolved;
}
