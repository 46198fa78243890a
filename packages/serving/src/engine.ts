import { type CatalogueIndex, createCatalogueIndex, eligibility } from './catalogue-index';
import { checkParts } from './check-parts';
import { FROM_CF, FROM_POPULAR } from './explain';
import type { ResolvedRecommendOptions, ResolvedServingOptions } from './options';
import type { RecommenderParts } from './parts';
import { createPrefetch } from './prefetch';
import { cfScoresInto, eligibleMovies, retrieve, retrieverScoresInto } from './retrieval';
import { blendPercentiles, hybridScores, likeProbabilities, rankPercentiles } from './scoring';
import { topKMovies, topKOfCandidates } from './top-k';
import type { UserView } from './user-view';

/** One way to rank scored candidates: by like probability, or by the hybrid at a classifier weight. */
export type RankVariant =
  | { readonly strategy: 'classifier' }
  | { readonly strategy: 'hybrid'; readonly weight: number };

/** A ranked list before it is dressed as items: dense movie indices, scores, candidate sources. */
export interface RankedMovies {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
  /** Per returned movie: FROM_CF | FROM_POPULAR | FROM_TRENDING flags (0 under exhaustive scoring). */
  readonly sources: Uint8Array;
}

/**
 * The index-level serving machinery shared by `createRecommender` and the ranking evaluation: the
 * catalogue index (catalogue-index.ts), retrieval (retrieval.ts) and scoring (scoring.ts) bound
 * to one set of parts. Everything here speaks dense indices; ids and text live in `recommender.ts`.
 */
export interface ServingEngine extends CatalogueIndex {
  readonly parts: RecommenderParts;
  /** The catalogue-sized score buffer every request reuses (serving is single-threaded). */
  readonly cfBuffer: Float32Array;
  readonly options: ResolvedServingOptions;
  /** 1 where a movie passes the request's filters, the minimum rating count and rated-exclusion. */
  eligibility(view: UserView | null, request: ResolvedRecommendOptions): Uint8Array;
  /** The user's CF score for every eligible movie, NaN elsewhere (a reused buffer: copy what you keep). */
  cfScores(view: UserView, eligible: Uint8Array): Float32Array;
  /** The served classifier's like probability for each of `movies`, in one batch. */
  likeProbabilities(view: UserView, movies: Uint32Array): Float32Array;
  /** Retrieval + ranking (or exhaustive scoring) of one user's top `request.n`. */
  rank(view: UserView, request: ResolvedRecommendOptions): RankedMovies;
  /**
   * The top `request.n` movies under each variant, from one retrieval (or exhaustive) pass and one
   * scoring pass: each list equals what `rank` gives for that strategy and weight.
   */
  rankVariants(
    view: UserView,
    request: ResolvedRecommendOptions,
    variants: readonly RankVariant[],
  ): Uint32Array[];
  /** The popular list restricted to `eligible`, for users without ratings. */
  popularFallback(eligible: Uint8Array, n: number): RankedMovies;
  /**
   * Scores known users (dense indices, at most a block) with `strategy`'s factor model in one
   * blocked pass, for the next `rank` calls of those users; null clears it. A no-op for
   * strategies without a factor model. Scores are the same floats a single-user rank computes.
   * `next`, the block that follows, is then scored on a worker thread meanwhile.
   */
  prefetch(strategy: string, users: readonly number[] | null, next?: readonly number[] | null): void;
}

export function createEngine(parts: RecommenderParts, options: ResolvedServingOptions): ServingEngine {
  checkParts(parts, parts.catalog.movies.length);
  const { classifier } = parts;
  // A throwaway prediction builds what the classifier builds lazily (the tree models' WebAssembly
  // scorer), so the first request does not pay for it.
  if (classifier.nFeatures !== null) classifier.predictProba(new Float32Array(classifier.nFeatures), 1);
  const index = createCatalogueIndex(parts, options);
  // One catalogue-sized buffer for CF scores, reused by every request (serving is single-threaded).
  const cfBuffer = new Float32Array(index.nMovies);
  const cfScoring = { parts, cfModel: options.cfModel } as const;
  const prefetched = createPrefetch(parts);
  const engine: ServingEngine = {
    ...index,
    parts,
    cfBuffer,
    options,
    eligibility: (view, request) => eligibility(index, options.minRatings, view, request),
    cfScores: (view, eligible) => cfScoresInto(cfBuffer, cfScoring, view, eligible),
    likeProbabilities: (view, movies) => likeProbabilities(parts, view, movies),
    rank: (view, request) => rankOne(engine, view, request, prefetched.row(request.strategy, view.user)),
    rankVariants: (view, request, variants) => rankVariants(engine, view, request, variants),
    popularFallback: (eligible, n) => {
      const top = topKMovies(index.popularScores, eligible, n);
      return {
        movies: top.movies,
        scores: Float32Array.from(top.movies, (m) => index.stats.count[m]!),
        sources: new Uint8Array(top.movies.length).fill(FROM_POPULAR),
      };
    },
    prefetch: (strategy, users, next) => prefetched.fill(strategy, users, next),
  };
  return engine;
}

/** Two-stage (or exhaustive) candidates with their like probabilities and, for the hybrid, CF scores. */
function scoreCandidates(
  engine: ServingEngine,
  view: UserView,
  request: ResolvedRecommendOptions,
  eligible: Uint8Array,
) {
  const hybrid = request.strategy === 'hybrid';
  const cf = hybrid || !request.exhaustive ? engine.cfScores(view, eligible) : null;
  const retrieved = request.exhaustive
    ? { candidates: eligibleMovies(eligible), flags: null }
    : retrieve(
        cf!,
        eligible,
        { popular: engine.popular.movies, trending: engine.trending.movies },
        engine.options,
      );
  const { candidates } = retrieved;
  const probabilities = engine.likeProbabilities(view, candidates);
  const cfAt = hybrid ? Float32Array.from(candidates, (m) => cf![m]!) : null;
  return { candidates, flags: retrieved.flags, probabilities, cfAt };
}

function rankOne(
  engine: ServingEngine,
  view: UserView,
  request: ResolvedRecommendOptions,
  prefetched: Float32Array | null,
): RankedMovies {
  const eligible = engine.eligibility(view, request);
  const { n, strategy } = request;
  if (strategy === 'cf') {
    const top = topKMovies(engine.cfScores(view, eligible), eligible, n);
    return { ...top, sources: new Uint8Array(top.movies.length).fill(FROM_CF) };
  }
  if (strategy !== 'classifier' && strategy !== 'hybrid') {
    const model = engine.parts.retrievers!.find((r) => r.kind === strategy)!;
    // Prefetched rows are used as they are: topK reads only the eligible movies anyway.
    const scores = prefetched ?? retrieverScoresInto(engine.cfBuffer, model, view, eligible);
    const top = topKMovies(scores, eligible, n);
    const flag = strategy === 'popularity' ? FROM_POPULAR : FROM_CF;
    return { ...top, sources: new Uint8Array(top.movies.length).fill(flag) };
  }
  const { candidates, flags, probabilities, cfAt } = scoreCandidates(engine, view, request, eligible);
  const scores =
    cfAt === null ? probabilities : hybridScores(probabilities, cfAt, engine.options.hybridWeight);
  const top = topKOfCandidates(candidates, scores, n);
  const sources = new Uint8Array(top.movies.length);
  if (flags !== null) for (let j = 0; j < top.movies.length; j++) sources[j] = flags[top.movies[j]!]!;
  return { ...top, sources };
}

function rankVariants(
  engine: ServingEngine,
  view: UserView,
  request: ResolvedRecommendOptions,
  variants: readonly RankVariant[],
): Uint32Array[] {
  const needsCf = variants.some((v) => v.strategy === 'hybrid');
  const scoring = { ...request, strategy: needsCf ? 'hybrid' : 'classifier' } as const;
  const { candidates, probabilities, cfAt } = scoreCandidates(
    engine,
    view,
    scoring,
    engine.eligibility(view, scoring),
  );
  // Percentiles once; each hybrid weight is then a linear blend of the two.
  const pLike = needsCf ? rankPercentiles(probabilities) : null;
  const pCf = needsCf ? rankPercentiles(cfAt!) : null;
  return variants.map((variant) => {
    const scores =
      variant.strategy === 'classifier' ? probabilities : blendPercentiles(pLike!, pCf!, variant.weight);
    return topKOfCandidates(candidates, scores, request.n).movies;
  });
}
