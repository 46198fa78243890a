import type { MovieRanking, ServingRatings } from './parts';
import { topKMovies } from './top-k';

/** Per-movie training statistics, by dense movie index. */
export interface MovieStats {
  readonly count: Uint32Array;
  /** Mean training rating, NaN for a movie without ratings. */
  readonly mean: Float32Array;
}

/** Counts and mean ratings of every movie in one pass over the training ratings. */
export function movieStats(ratings: ServingRatings, nMovies: number): MovieStats {
  const count = new Uint32Array(nMovies);
  const sum = new Float64Array(nMovies);
  const { movie, rating } = ratings;
  for (let r = 0; r < movie.length; r++) {
    const m = movie[r]!;
    count[m]!++;
    sum[m]! += rating[r]!;
  }
  const mean = new Float32Array(nMovies);
  for (let m = 0; m < nMovies; m++) mean[m] = count[m]! > 0 ? sum[m]! / count[m]! : Number.NaN;
  return { count, mean };
}

/** How long the ranked fallback lists are: far more than any page, far less than the catalogue. */
const RANKING_LENGTH = 1000;

/**
 * Most-rated movies first (the classic popularity baseline); among equal counts the higher mean
 * rating wins: score = count + mean / 10 (a mean is at most 5, so it never outweighs one rating).
 */
export function popularRanking(stats: MovieStats, length = RANKING_LENGTH): MovieRanking {
  const n = stats.count.length;
  const scores = new Float32Array(n);
  for (let m = 0; m < n; m++) {
    const c = stats.count[m]!;
    scores[m] = c === 0 ? Number.NaN : c + stats.mean[m]! / 10;
  }
  const top = topKMovies(scores, null, length);
  return { movies: top.movies, scores: top.scores };
}

export interface TrendingOptions {
  /** The recent window at the end of the training ratings, in days. Default 90. */
  readonly days?: number;
  /** A movie needs this many ratings in the window to trend. Default 3. */
  readonly minRecent?: number;
}

/**
 * Ratings per movie in the last `days` of the training window, which ends at the latest training
 * timestamp (so the counts are deterministic for a given bundle).
 */
export function recentCounts(ratings: ServingRatings, nMovies: number, days = 90): Float32Array {
  const { movie, timestamp } = ratings;
  let end = 0;
  for (let r = 0; r < timestamp.length; r++) if (timestamp[r]! > end) end = timestamp[r]!;
  const from = end - days * 86_400;
  const recent = new Float32Array(nMovies);
  for (let r = 0; r < movie.length; r++) if (timestamp[r]! >= from) recent[movie[r]!]!++;
  return recent;
}

/** Movies rated most in the recent window (see `recentCounts`) first: score = recent ratings. */
export function trendingRanking(
  ratings: ServingRatings,
  nMovies: number,
  options: TrendingOptions = {},
  length = RANKING_LENGTH,
): MovieRanking {
  const { days = 90, minRecent = 3 } = options;
  const recent = recentCounts(ratings, nMovies, days);
  for (let m = 0; m < nMovies; m++) if (recent[m]! < minRecent) recent[m] = Number.NaN;
  const top = topKMovies(recent, null, length);
  return { movies: top.movies, scores: top.scores };
}

/**
 * A ranking as a catalogue-sized score array (NaN = not ranked), so filters can apply to it. The
 * score is the reversed rank, so the given order is kept exactly whatever its own scores were.
 */
export function rankingScores(ranking: MovieRanking, nMovies: number): Float32Array {
  const scores = new Float32Array(nMovies).fill(Number.NaN);
  for (let j = 0; j < ranking.movies.length; j++) {
    const m = ranking.movies[j]!;
    if (m < nMovies) scores[m] = ranking.movies.length - j;
  }
  return scores;
}
