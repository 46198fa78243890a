import type { Catalog } from '@reco/data';
import type { MovieStats } from './movie-stats';
import type { ServingRatings } from './parts';
import type { GenrePreference, RatedMovie, UserHistory } from './types';

/** Per-genre mean training rating of everyone, by catalog genre bit; NaN for an unrated genre. */
export type GenreMeans = Float64Array;

/**
 * Everyone's mean rating per genre from the movie statistics: sum over movies of count x mean,
 * so one pass over the catalogue, not over the ratings.
 */
export function genreMeans(catalog: Catalog, stats: MovieStats): GenreMeans {
  const nGenres = catalog.genreNames.length;
  const sum = new Float64Array(nGenres);
  const count = new Float64Array(nGenres);
  for (let m = 0; m < stats.count.length; m++) {
    const c = stats.count[m]!;
    if (c === 0) continue;
    let mask = catalog.genreMask[m]!;
    while (mask !== 0) {
      const g = 31 - Math.clz32(mask & -mask);
      sum[g]! += c * stats.mean[m]!;
      count[g]! += c;
      mask &= mask - 1;
    }
  }
  return sum.map((s, g) => (count[g]! > 0 ? s / count[g]! : Number.NaN));
}

/** Everyone's mean training rating (null without ratings). */
export function globalMean(stats: MovieStats): number | null {
  let sum = 0;
  let count = 0;
  for (let m = 0; m < stats.count.length; m++) {
    const c = stats.count[m]!;
    if (c === 0) continue;
    sum += c * stats.mean[m]!;
    count += c;
  }
  return count === 0 ? null : sum / count;
}

export interface HistoryContext {
  readonly catalog: Catalog;
  readonly ratings: ServingRatings;
  readonly genreMeans: GenreMeans;
  readonly globalMean: number | null;
}

/** Means are reported to two decimals, as `MovieSummary.meanRating` is. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The training ratings of dense user `user` as a summary: the `n` highest and `n` lowest rated
 * movies (ties: the more recent first, then the lower movieId), and per genre the user's count and
 * mean next to everyone's mean. The two lists share movies when the user has fewer than 2n ratings.
 */
export function userHistory(ctx: HistoryContext, userId: number, user: number, n: number): UserHistory {
  const { userOffsets, rating, timestamp } = ctx.ratings;
  const from = userOffsets[user]!;
  const rows = Array.from({ length: userOffsets[user + 1]! - from }, (_, j) => from + j);
  let sum = 0;
  for (const r of rows) sum += rating[r]!;
  const byRecentThenId = (a: number, b: number) =>
    timestamp[b]! - timestamp[a]! || ctx.ratings.movie[a]! - ctx.ratings.movie[b]!;
  const top = [...rows].sort((a, b) => rating[b]! - rating[a]! || byRecentThenId(a, b));
  const low = [...rows].sort((a, b) => rating[a]! - rating[b]! || byRecentThenId(a, b));
  return {
    userId,
    ratingCount: rows.length,
    meanRating: rows.length === 0 ? null : round2(sum / rows.length),
    globalMeanRating: ctx.globalMean === null ? null : round2(ctx.globalMean),
    topRated: top.slice(0, n).map((r) => ratedMovie(ctx, r)),
    lowestRated: low.slice(0, n).map((r) => ratedMovie(ctx, r)),
    genres: genrePreferences(ctx, rows),
  };
}

function ratedMovie(ctx: HistoryContext, r: number): RatedMovie {
  const movie = ctx.catalog.movies[ctx.ratings.movie[r]!]!;
  const timestamp = ctx.ratings.timestamp[r]!;
  return {
    movieId: movie.movieId,
    title: movie.title,
    year: movie.year,
    genres: movie.genres,
    rating: ctx.ratings.rating[r]!,
    timestamp,
    date: new Date(timestamp * 1000).toISOString().slice(0, 10),
  };
}

/** The genres the user rated, most rated first (ties by name). */
function genrePreferences(ctx: HistoryContext, rows: readonly number[]): GenrePreference[] {
  const { catalog } = ctx;
  const nGenres = catalog.genreNames.length;
  const sum = new Float64Array(nGenres);
  const count = new Uint32Array(nGenres);
  for (const r of rows) {
    let mask = catalog.genreMask[ctx.ratings.movie[r]!]!;
    while (mask !== 0) {
      const g = 31 - Math.clz32(mask & -mask);
      sum[g]! += ctx.ratings.rating[r]!;
      count[g]!++;
      mask &= mask - 1;
    }
  }
  const out: GenrePreference[] = [];
  for (let g = 0; g < nGenres; g++) {
    if (count[g] === 0) continue;
    const everyone = ctx.genreMeans[g]!;
    out.push({
      genre: catalog.genreNames[g]!,
      count: count[g]!,
      meanRating: round2(sum[g]! / count[g]!),
      globalMeanRating: Number.isNaN(everyone) ? null : round2(everyone),
    });
  }
  return out.sort((a, b) => b.count - a.count || a.genre.localeCompare(b.genre));
}
