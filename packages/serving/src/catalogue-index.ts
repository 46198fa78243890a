import type { ExplainContext } from './explain';
import {
  type MovieStats,
  movieStats,
  popularRanking,
  rankingScores,
  recentCounts,
  trendingRanking,
} from './movie-stats';
import type { ResolvedRecommendOptions, ResolvedServingOptions } from './options';
import type { MovieRanking, RecommenderParts } from './parts';
import { type CosineSpace, cosineSpace } from './similarity';
import type { UserView } from './user-view';

/**
 * What serving computes once per catalogue, before any request: movie statistics, the popular and
 * trending rankings, the CF and content cosine spaces, years as a typed array and the context
 * explanations read. Everything is indexed by dense movie index.
 */
export interface CatalogueIndex {
  readonly nMovies: number;
  readonly stats: MovieStats;
  readonly popular: MovieRanking;
  readonly trending: MovieRanking;
  /** Reversed-rank score per movie of each ranking (higher = earlier). */
  readonly popularScores: Float32Array;
  readonly trendingScores: Float32Array;
  readonly cfSpace: CosineSpace;
  readonly contentSpace: CosineSpace;
  /** log(1 + ratings) / log(1 + most ratings) per movie, in [0, 1]: a tie-break toward known movies. */
  readonly popularityShare: Float32Array;
  /** Release year per movie, UNKNOWN_YEAR when the title has none. */
  readonly years: Int32Array;
  readonly genreMask: Uint32Array;
  readonly explainContext: ExplainContext;
}

/** Year filter sentinel for movies without a year (they never pass a year filter). */
export const UNKNOWN_YEAR = -0x7fffffff;

export function createCatalogueIndex(
  parts: RecommenderParts,
  options: ResolvedServingOptions,
): CatalogueIndex {
  const { catalog, mf, als } = parts;
  const nMovies = catalog.movies.length;
  const stats = movieStats(parts.ratings, nMovies);
  const popular = parts.popular ?? popularRanking(stats);
  const trending = parts.trending ?? trendingRanking(parts.ratings, nMovies, { days: options.trendingDays });
  const content = parts.content ?? parts.pipeline.contentEmbeddings;
  // Item-item CF similarity (similar(), "similar to X" reasons) uses the CF model of retrieval:
  // ALS factors, learned from what people watch and like together, give far better neighbours
  // than MF factors, whose rarely rated movies point in noisy directions.
  const cfSpace =
    options.cfModel === 'als' && als != null
      ? cosineSpace(als.itemFactors, als.factors)
      : cosineSpace(mf.itemFactors, mf.factors);
  const contentSpace = cosineSpace(content.vectors, content.dims);
  // Years as a typed array: the filter runs over the whole catalogue on every request.
  const years = Int32Array.from(catalog.movies, (movie) => movie.year ?? UNKNOWN_YEAR);
  return {
    nMovies,
    stats,
    popular,
    trending,
    popularScores: rankingScores(popular, nMovies),
    trendingScores: rankingScores(trending, nMovies),
    cfSpace,
    contentSpace,
    popularityShare: popularityShares(stats.count),
    years,
    genreMask: catalog.genreMask,
    explainContext: {
      catalog,
      likeThreshold: parts.likeThreshold,
      cf: cfSpace,
      content: contentSpace,
      count: stats.count,
      mean: stats.mean,
      recentCount: recentCounts(parts.ratings, nMovies, options.trendingDays),
      trendingDays: options.trendingDays,
    },
  };
}

function popularityShares(count: Uint32Array): Float32Array {
  const share = new Float32Array(count.length);
  let most = 0;
  for (let m = 0; m < count.length; m++) most = Math.max(most, count[m]!);
  for (let m = 0; m < count.length; m++) share[m] = most === 0 ? 0 : Math.log1p(count[m]!) / Math.log1p(most);
  return share;
}

/**
 * 1 where a movie passes the request's genre (any of) and year filters, has at least `minRatings`
 * training ratings, and (with `excludeRated`) is not rated by the user. One pass over typed arrays.
 */
export function eligibility(
  index: CatalogueIndex,
  minRatings: number,
  view: UserView | null,
  request: ResolvedRecommendOptions,
): Uint8Array {
  const { nMovies, years, genreMask: masks } = index;
  const { count } = index.stats;
  const eligible = new Uint8Array(nMovies);
  const { genreMask, minYear, maxYear } = request;
  const lo = minYear ?? Number.NEGATIVE_INFINITY;
  const hi = maxYear ?? Number.POSITIVE_INFINITY;
  const checkYear = minYear !== null || maxYear !== null;
  for (let m = 0; m < nMovies; m++) {
    if (count[m]! < minRatings) continue;
    if (genreMask !== 0 && (masks[m]! & genreMask) === 0) continue;
    if (checkYear) {
      const y = years[m]!;
      if (y === UNKNOWN_YEAR || y < lo || y > hi) continue;
    }
    eligible[m] = 1;
  }
  if (request.excludeRated && view !== null)
    for (let r = 0; r < view.movies.length; r++) eligible[view.movies[r]!] = 0;
  return eligible;
}
