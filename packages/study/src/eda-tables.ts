import type { Dataset } from '@reco/data';
import { op, table } from 'arquero';

/**
 * The two grouped EDA tables of the dataset report, written as arquero verbs: a group-by and a
 * roll-up read as the question they answer, and arquero takes the typed-array columns as they are
 * (no copy). Measured against the hand-written loops they replaced in bench/eda.bench.ts
 * (`pnpm --filter @reco/study bench:eda`; figures in docs/decisions.md).
 *
 * Means are sum / count rather than arquero's `op.mean`, which is a running mean and would differ
 * from the loops in the last bits.
 *
 * Table expressions are parsed from the arrow functions' source by arquero: they may use only
 * their row argument `d` and `op`, never a closure variable.
 */

export interface MonthRow {
  /** `YYYY-MM`, UTC. */
  readonly month: string;
  readonly count: number;
  readonly meanRating: number;
}

export interface GenreRow {
  readonly genre: string;
  /** Movies in the catalogue with this genre. */
  readonly movies: number;
  /** Ratings of those movies. */
  readonly ratings: number;
  /** Null when no movie of the genre has a rating. */
  readonly meanRating: number | null;
}

/** Ratings per calendar month (UTC), oldest first. */
export function ratingsByMonth(dataset: Dataset): MonthRow[] {
  return table(dayTotals(dataset))
    .derive({ key: (d) => op.utcyear(d.day * 86_400_000) * 12 + op.utcmonth(d.day * 86_400_000) })
    .groupby('key')
    .rollup({ count: op.sum('count'), sum: op.sum('sum') })
    .orderby('key')
    .objects()
    .map((row) => {
      const { key, count, sum } = row as { key: number; count: number; sum: number };
      return {
        month: `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`,
        count,
        meanRating: sum / count,
      };
    });
}

/**
 * Movies, ratings and mean rating per genre, every genre of the catalogue listed (a genre without
 * movies shows zeros), most-rated first, ties by name. A rating counts once for each genre of its
 * movie.
 */
export function genreStats(dataset: Dataset): GenreRow[] {
  const { movies } = dataset;
  const totals = movieTotals(dataset);
  const byGenre = table({
    genre: movies.movies.map((movie) => [...movie.genres]),
    ratings: totals.count,
    sum: totals.sum,
  })
    .unroll('genre')
    .groupby('genre')
    .rollup({ movies: op.count(), ratings: op.sum('ratings'), sum: op.sum('sum') });
  return table({ genre: [...movies.genreNames] })
    .join_left(byGenre, 'genre')
    .objects()
    .map((row) => {
      const {
        genre,
        movies = 0,
        ratings = 0,
        sum = 0,
      } = row as Partial<GenreRow> & { genre: string; sum?: number };
      return { genre, movies, ratings, meanRating: ratings > 0 ? sum / ratings : null };
    })
    .sort((a, b) => b.ratings - a.ratings || a.genre.localeCompare(b.genre));
}

/**
 * Count and sum of ratings per movie: the one pass over every rating, a plain typed-array loop
 * because arquero's group-by over a million rows costs several times as much (bench/eda.bench.ts).
 */
function movieTotals(dataset: Dataset): { count: Float64Array; sum: Float64Array } {
  const { movie, rating } = dataset.ratings;
  const count = new Float64Array(dataset.movies.movies.length);
  const sum = new Float64Array(count.length);
  for (let i = 0; i < movie.length; i++) {
    count[movie[i]!]!++;
    sum[movie[i]!]! += rating[i]!;
  }
  return { count, sum };
}

/**
 * Count and sum of ratings per UTC day that has ratings (day = Unix days), the one pass over every
 * rating in a typed-array loop, as in movieTotals. A day is a few thousand rows at most per decade.
 */
function dayTotals(dataset: Dataset): { day: Float64Array; count: Float64Array; sum: Float64Array } {
  const { rating, timestamp } = dataset.ratings;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < timestamp.length; i++) {
    const day = Math.floor(timestamp[i]! / 86_400);
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const span = timestamp.length > 0 ? last - first + 1 : 0;
  const count = new Float64Array(span);
  const sum = new Float64Array(span);
  for (let i = 0; i < timestamp.length; i++) {
    const d = Math.floor(timestamp[i]! / 86_400) - first;
    count[d]!++;
    sum[d]! += rating[i]!;
  }
  let days = 0;
  for (let d = 0; d < span; d++) if (count[d]! > 0) days++;
  const out = { day: new Float64Array(days), count: new Float64Array(days), sum: new Float64Array(days) };
  for (let d = 0, k = 0; d < span; d++) {
    if (count[d] === 0) continue;
    out.day[k] = first + d;
    out.count[k] = count[d]!;
    out.sum[k++] = sum[d]!;
  }
  return out;
}
