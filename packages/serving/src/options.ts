import { ServingError } from './errors';
import type { RecommenderParts } from './parts';
import type { RecommendOptions, ScoringStrategy, SimilarBy } from './types';

/** How a `Recommender` retrieves and blends; every field has a documented default. */
export interface ServingOptions {
  /** Candidates from the CF top scores in the retrieval stage. Default 600. */
  readonly retrieveCf?: number;
  /** Candidates from the popular list (eligible ones, in order). Default 150. */
  readonly retrievePopular?: number;
  /** Candidates from the trending list. Default 50. */
  readonly retrieveTrending?: number;
  /**
   * Movies need at least this many training ratings to be recommended, or returned by CF
   * similarity (factors of rarely rated movies are mostly noise). Default 5.
   */
  readonly minRatings?: number;
  /**
   * Weight of the classifier in the hybrid (the CF rank gets 1 - w). Default: the weight
   * `reco train` chose on its nested ranking holdout (`parts.hybridWeight`), else 0.2. Small
   * weights win there because the classifier predicts whether a watched movie is liked, CF what
   * gets watched, and top-N needs mostly the latter.
   */
  readonly hybridWeight?: number;
  /** CF model behind retrieval and the 'cf' / 'hybrid' scores. Default 'als' when present, else 'mf'. */
  readonly cfModel?: 'mf' | 'als';
  /** Weight of content in `similar(..., { by: 'blend' })` (CF gets 1 - w). Default 0.5. */
  readonly blendWeight?: number;
  /** Recent window of the trending list, in days. Default 90. */
  readonly trendingDays?: number;
  /** The strategy of a request that names none. Default: the bundle's (`parts.defaultStrategy`), else 'classifier'. */
  readonly strategy?: ScoringStrategy;
}

export type ResolvedServingOptions = Required<ServingOptions> & {
  /** Every strategy these parts can serve. */
  readonly strategies: readonly ScoringStrategy[];
};

/** The strategies served from any bundle; retrieval strategies need their model in the parts. */
export const BASE_STRATEGIES: readonly ScoringStrategy[] = ['classifier', 'cf', 'hybrid'];

/** The strategies `parts` can serve: the base three plus the kind of every stored retriever. */
export function servableStrategies(parts: Pick<RecommenderParts, 'retrievers'>): ScoringStrategy[] {
  return [...BASE_STRATEGIES, ...(parts.retrievers ?? []).map((r) => r.kind)];
}

/** The hybrid weight when neither the caller nor the bundle gives one. */
export const DEFAULT_HYBRID_WEIGHT = 0.2;

export function resolveServingOptions(
  parts: RecommenderParts,
  options: ServingOptions,
): ResolvedServingOptions {
  const resolved: ResolvedServingOptions = {
    retrieveCf: options.retrieveCf ?? 600,
    retrievePopular: options.retrievePopular ?? 150,
    retrieveTrending: options.retrieveTrending ?? 50,
    minRatings: options.minRatings ?? 5,
    hybridWeight: options.hybridWeight ?? parts.hybridWeight ?? DEFAULT_HYBRID_WEIGHT,
    cfModel: options.cfModel ?? (parts.als == null ? 'mf' : 'als'),
    blendWeight: options.blendWeight ?? 0.5,
    trendingDays: options.trendingDays ?? 90,
    strategy: options.strategy ?? parts.defaultStrategy ?? 'classifier',
    strategies: servableStrategies(parts),
  };
  if (!resolved.strategies.includes(resolved.strategy)) {
    throw new ServingError(
      'config',
      `createRecommender: strategy '${String(resolved.strategy)}' is not served by these parts; use one of ${resolved.strategies.join(', ')}`,
    );
  }
  for (const key of [
    'retrieveCf',
    'retrievePopular',
    'retrieveTrending',
    'minRatings',
    'trendingDays',
  ] as const) {
    const value = resolved[key];
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new ServingError(
        'config',
        `createRecommender: ${key} must be a whole number >= 0 (got ${value})`,
      );
    }
  }
  for (const key of ['hybridWeight', 'blendWeight'] as const) {
    const value = resolved[key];
    if (!(value >= 0 && value <= 1)) {
      throw new ServingError('config', `createRecommender: ${key} must be between 0 and 1 (got ${value})`);
    }
  }
  if (resolved.cfModel !== 'mf' && resolved.cfModel !== 'als') {
    throw new ServingError(
      'config',
      `createRecommender: cfModel must be 'mf' or 'als' (got ${String(resolved.cfModel)})`,
    );
  }
  if (resolved.cfModel === 'als' && parts.als == null) {
    throw new ServingError('config', "createRecommender: cfModel is 'als' but the parts have no ALS model");
  }
  return resolved;
}

/** Largest page a single request may ask for. */
export const MAX_ITEMS = 1000;

const SIMILAR_BY: readonly SimilarBy[] = ['content', 'cf', 'blend'];

export interface ResolvedRecommendOptions {
  readonly n: number;
  /** Bitmask of the wanted catalog genres; 0 = any genre. */
  readonly genreMask: number;
  readonly minYear: number | null;
  readonly maxYear: number | null;
  readonly excludeRated: boolean;
  readonly strategy: ScoringStrategy;
  readonly exhaustive: boolean;
}

export function resolveCount(where: string, n: number | undefined): number {
  const value = n ?? 10;
  if (!(Number.isInteger(value) && value >= 1 && value <= MAX_ITEMS)) {
    throw new ServingError(
      'invalid-input',
      `${where}: n must be a whole number from 1 to ${MAX_ITEMS} (got ${value})`,
    );
  }
  return value;
}

export function resolveSimilarBy(by: SimilarBy | undefined): SimilarBy {
  const value = by ?? 'blend';
  if (!SIMILAR_BY.includes(value)) {
    throw new ServingError(
      'invalid-input',
      `similar: by must be one of ${SIMILAR_BY.join(', ')} (got ${String(value)})`,
    );
  }
  return value;
}

/** Applies the defaults of `RecommendOptions` and rejects bad values with a message naming them. */
export function resolveRecommendOptions(
  where: string,
  genreNames: readonly string[],
  options: RecommendOptions,
  served: Pick<ResolvedServingOptions, 'strategy' | 'strategies'> = {
    strategy: 'classifier',
    strategies: BASE_STRATEGIES,
  },
): ResolvedRecommendOptions {
  const strategy = options.strategy ?? served.strategy;
  if (!served.strategies.includes(strategy)) {
    throw new ServingError(
      'invalid-input',
      `${where}: strategy must be one of ${served.strategies.join(', ')} (the ones this bundle serves; got ${String(strategy)})`,
      { field: 'strategy' },
    );
  }
  let genreMask = 0;
  for (const wanted of options.genres ?? []) {
    const g = genreNames.findIndex((name) => name.toLowerCase() === wanted.trim().toLowerCase());
    if (g < 0) {
      throw new ServingError(
        'unknown-genre',
        `${where}: unknown genre '${wanted}' (known: ${genreNames.join(', ')})`,
        { field: 'genres' },
      );
    }
    genreMask |= 1 << g;
  }
  const minYear = options.minYear ?? null;
  const maxYear = options.maxYear ?? null;
  for (const [name, year] of [
    ['minYear', minYear],
    ['maxYear', maxYear],
  ] as const) {
    if (year !== null && !Number.isInteger(year)) {
      throw new ServingError('invalid-input', `${where}: ${name} must be a whole year (got ${year})`);
    }
  }
  if (minYear !== null && maxYear !== null && minYear > maxYear) {
    throw new ServingError('invalid-input', `${where}: minYear ${minYear} is after maxYear ${maxYear}`);
  }
  return {
    n: resolveCount(where, options.n),
    genreMask: genreMask >>> 0,
    minYear,
    maxYear,
    excludeRated: options.excludeRated ?? true,
    strategy,
    exhaustive: options.exhaustive ?? false,
  };
}
