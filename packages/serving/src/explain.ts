import type { Catalog } from '@reco/data';
import { type CosineSpace, cosine, hasVector } from './similarity';
import { displayTitle } from './title-search';
import type { UserView } from './user-view';

/** Why a movie entered the candidate pool, as bit flags per catalogue movie. */
export const FROM_CF = 1;
export const FROM_POPULAR = 2;
export const FROM_TRENDING = 4;

/** A liked movie explains a recommendation when their CF cosine reaches this... */
const CF_SIMILAR_ENOUGH = 0.4;
/** ...or, for movies without CF factors, when their content cosine reaches this. */
const CONTENT_SIMILAR_ENOUGH = 0.6;
/** A genre average counts from this many of the user's ratings in the genre. */
const MIN_GENRE_RATINGS = 3;

export interface ExplainContext {
  readonly catalog: Catalog;
  readonly likeThreshold: number;
  readonly cf: CosineSpace;
  readonly content: CosineSpace;
  readonly count: Uint32Array;
  readonly mean: Float32Array;
  readonly recentCount: Float32Array;
  readonly trendingDays: number;
}

/** Per-genre rating sums and counts of one user, by catalog genre bit. */
export interface GenreTaste {
  readonly sum: Float64Array;
  readonly count: Uint32Array;
}

export function genreTaste(catalog: Catalog, view: UserView): GenreTaste {
  const nGenres = catalog.genreNames.length;
  const sum = new Float64Array(nGenres);
  const count = new Uint32Array(nGenres);
  for (let r = 0; r < view.movies.length; r++) {
    let mask = catalog.genreMask[view.movies[r]!]!;
    while (mask !== 0) {
      const g = 31 - Math.clz32(mask & -mask);
      sum[g]! += view.ratings[r]!;
      count[g]!++;
      mask &= mask - 1;
    }
  }
  return { sum, count };
}

/**
 * A short reason for recommending movie m to the user, the most personal that holds:
 * 1. "similar to Alien, which you liked": the liked movie (rating >= like threshold) closest to m
 *    by CF factors (content embeddings when m has no factors), if close enough;
 * 2. "you rate Sci-Fi 4.3 on average": m's genre the user rates highest, when that average is a
 *    like and rests on at least 3 ratings;
 * 3. where the candidate came from: CF ("popular with people like you"), trending, or popularity.
 */
export function explain(
  ctx: ExplainContext,
  view: UserView,
  taste: GenreTaste,
  m: number,
  source: number,
): string {
  const space = hasVector(ctx.cf, m) ? ctx.cf : ctx.content;
  const bar = space === ctx.cf ? CF_SIMILAR_ENOUGH : CONTENT_SIMILAR_ENOUGH;
  let best = -1;
  let bestSimilarity = bar;
  for (let r = 0; r < view.movies.length; r++) {
    if (view.ratings[r]! < ctx.likeThreshold) continue;
    const liked = view.movies[r]!;
    if (liked === m) continue;
    const similarity = cosine(space, m, liked);
    if (similarity >= bestSimilarity) {
      bestSimilarity = similarity;
      best = liked;
    }
  }
  if (best >= 0) return `similar to ${displayTitle(ctx.catalog.movies[best]!.title)}, which you liked`;

  let genre = -1;
  let genreMean = ctx.likeThreshold;
  let mask = ctx.catalog.genreMask[m]!;
  while (mask !== 0) {
    const g = 31 - Math.clz32(mask & -mask);
    mask &= mask - 1;
    const n = taste.count[g]!;
    if (n < MIN_GENRE_RATINGS) continue;
    const mean = taste.sum[g]! / n;
    if (mean >= genreMean) {
      genreMean = mean;
      genre = g;
    }
  }
  if (genre >= 0) return `you rate ${ctx.catalog.genreNames[genre]} ${genreMean.toFixed(1)} on average`;
  if ((source & FROM_CF) !== 0) return 'popular with people like you';
  if ((source & FROM_TRENDING) !== 0) return trendingReason(ctx, m);
  return popularReason(ctx, m);
}

export function popularReason(ctx: ExplainContext, m: number): string {
  const count = ctx.count[m]!;
  if (count === 0) return 'not rated yet';
  return `popular: ${ctx.mean[m]!.toFixed(1)} average from ${count} rating${count === 1 ? '' : 's'}`;
}

export function trendingReason(ctx: ExplainContext, m: number): string {
  return `trending: ${ctx.recentCount[m]} ratings in the last ${ctx.trendingDays} days`;
}
