import type { RatingsStore } from '@reco/data';
import type { MovieGenres } from './genres';
import { M, U } from './layout';
import { isUtcWeekend, utcHour } from './time';

/**
 * Per-user and per-movie statistics, learned in two passes over the statistic rows (the training
 * rows; every row under the deck protocol).
 *
 * Out-of-fold scheme: each statistic row belongs to one of K folds ("slots"). Accumulators keep one
 * sum per slot; the statistics of slice s < K add up every slot except s, and slice K (FULL) adds up
 * all of them. A training row in fold s is transformed with slice s, so its own rating never reaches
 * its own features, while validation, test and serving rows use FULL. Summing the other slots (rather
 * than subtracting slot s from a total) keeps slice s bit-identical whatever the ratings in fold s
 * are, which the parity test checks. Under the deck protocol K = 0: one slot, and FULL is the only
 * slice.
 */

export interface StatSettings {
  readonly likeThreshold: number;
  readonly genrePriorWeight: number;
  readonly movieMeanPriorWeight: number;
  readonly trendingDays: number;
  readonly trendingLift: number;
  readonly trendingMinRatings: number;
  readonly missing: 'impute' | 'nan';
}

/** Target-derived global statistics of one slice, used for shrinkage and imputation. */
export interface SliceGlobals {
  /** Number of ratings in the slice. */
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation of the ratings (0 with fewer than two). */
  readonly std: number;
  readonly likeRatio: number;
}

/** Statistics that do not depend on ratings, so need no folds. */
export interface CountGlobals {
  /** Mode of the UTC hour over all statistic rows. */
  readonly topHour: number;
  readonly weekendShare: number;
  /** Last timestamp of the statistic rows: the end of the training window. */
  readonly windowEnd: number;
  /** Ratings after this timestamp are "recent" for the trend score. */
  readonly recentFrom: number;
  /** Share of all statistic rows that are recent. */
  readonly recentShare: number;
  /** Median catalog release year, the imputed year. */
  readonly medianYear: number;
}

export interface FittedStatistics {
  readonly slices: number;
  readonly globals: readonly SliceGlobals[];
  readonly countGlobals: CountGlobals;
  /** slices x nUsers x userCols, unscaled. */
  readonly userTable: Float32Array;
  /** slices x nMovies x movieCols, unscaled. */
  readonly movieTable: Float32Array;
}

/** Scratch sums for one user, over K slots. Reused across users: no allocation per user or row. */
export class UserAccumulator {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly sumSquares: Float64Array;
  readonly likes: Float64Array;
  /** slots x genres */
  readonly genreCount: Float64Array;
  readonly genreSum: Float64Array;
  readonly hours = new Float64Array(24);
  total = 0;
  timed = 0;
  weekend = 0;

  constructor(
    readonly slots: number,
    readonly nGenres: number,
  ) {
    this.count = new Float64Array(slots);
    this.sum = new Float64Array(slots);
    this.sumSquares = new Float64Array(slots);
    this.likes = new Float64Array(slots);
    this.genreCount = new Float64Array(slots * nGenres);
    this.genreSum = new Float64Array(slots * nGenres);
  }

  reset(): void {
    this.count.fill(0);
    this.sum.fill(0);
    this.sumSquares.fill(0);
    this.likes.fill(0);
    this.genreCount.fill(0);
    this.genreSum.fill(0);
    this.hours.fill(0);
    this.total = 0;
    this.timed = 0;
    this.weekend = 0;
  }

  /** Adds one rating. `timestamp` < 0 means unknown (fold-in ratings may lack one). */
  add(
    slot: number,
    rating: number,
    timestamp: number,
    likeThreshold: number,
    genres: MovieGenres,
    movie: number,
  ): void {
    this.count[slot]!++;
    this.sum[slot]! += rating;
    this.sumSquares[slot]! += rating * rating;
    if (rating >= likeThreshold) this.likes[slot]!++;
    const base = slot * this.nGenres;
    for (let k = genres.start[movie]!; k < genres.start[movie + 1]!; k++) {
      const g = base + genres.index[k]!;
      this.genreCount[g]!++;
      this.genreSum[g]! += rating;
    }
    this.total++;
    if (timestamp >= 0) {
      this.timed++;
      this.hours[utcHour(timestamp)]!++;
      if (isUtcWeekend(timestamp)) this.weekend++;
    }
  }

  /**
   * Writes the user's table row from every slot but `excludedSlot` (-1: every slot). Formulas are
   * documented in the README; `g` are the matching global statistics.
   */
  write(
    out: Float32Array,
    at: number,
    excludedSlot: number,
    g: SliceGlobals,
    c: CountGlobals,
    settings: StatSettings,
  ): void {
    const nanMode = settings.missing === 'nan';
    let n = 0;
    let s = 0;
    let q = 0;
    let likes = 0;
    for (let f = 0; f < this.slots; f++) {
      if (f === excludedSlot) continue;
      n += this.count[f]!;
      s += this.sum[f]!;
      q += this.sumSquares[f]!;
      likes += this.likes[f]!;
    }
    const cold = n === 0;
    const mean = cold ? (nanMode ? Number.NaN : g.mean) : s / n;
    out[at + U.mean] = mean;
    out[at + U.std] =
      n >= 2 ? Math.sqrt(Math.max(0, (q - (s * s) / n) / (n - 1))) : nanMode ? Number.NaN : g.std;
    out[at + U.likeRatio] = cold ? (nanMode ? Number.NaN : g.likeRatio) : likes / n;
    out[at + U.count] = this.total;
    const timedCold = this.timed === 0;
    out[at + U.topHour] = timedCold ? (nanMode ? Number.NaN : c.topHour) : argmax(this.hours);
    out[at + U.weekendShare] = timedCold
      ? nanMode
        ? Number.NaN
        : c.weekendShare
      : this.weekend / this.timed;
    out[at + U.cold] = cold ? 1 : 0;

    const w = settings.genrePriorWeight;
    for (let genre = 0; genre < this.nGenres; genre++) {
      let gn = 0;
      let gs = 0;
      for (let f = 0; f < this.slots; f++) {
        if (f === excludedSlot) continue;
        gn += this.genreCount[f * this.nGenres + genre]!;
        gs += this.genreSum[f * this.nGenres + genre]!;
      }
      // Shrunk toward the user's own mean: few ratings in a genre say little about it.
      out[at + U.pref + genre] = gn + w > 0 ? (gs + w * mean) / (gn + w) : mean;
    }
  }
}

/** Index of the largest value; ties go to the smallest index. */
function argmax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export interface FitStatisticsInput {
  readonly ratings: RatingsStore;
  /** Sorted rows the statistics learn from. */
  readonly statRows: Uint32Array;
  /** Fold (slot) of each statistic row, aligned with `statRows`; all 0 when folds = 0. */
  readonly slotOf: Uint8Array;
  /** Number of folds K; 0 under the deck protocol. */
  readonly folds: number;
  readonly genres: MovieGenres;
  /** Catalog release year per movie, NaN when unknown. */
  readonly years: Float64Array;
  readonly medianYear: number;
  readonly settings: StatSettings;
  readonly userCols: number;
  readonly movieCols: number;
  readonly onPass?: (stage: string) => void;
}

/** The two passes over the statistic rows: movies and globals first, then users one at a time. */
export function fitStatistics(input: FitStatisticsInput): FittedStatistics {
  const { folds, statRows } = input;
  const slots = Math.max(folds, 1);
  const slices = folds + 1;
  input.onPass?.('movie statistics');
  const sums = movieAndGlobalSums(input, slots);
  const recentFrom = sums.windowEnd - input.settings.trendingDays * 86_400;
  const recent = recentCounts(input, recentFrom);
  const globals = sliceGlobals(sums, folds, slots);
  const total = statRows.length;
  const countGlobals: CountGlobals = {
    topHour: argmax(sums.hours),
    weekendShare: total > 0 ? sums.weekend / total : 0,
    windowEnd: sums.windowEnd,
    recentFrom,
    recentShare: total > 0 ? recent.total / total : 0,
    medianYear: input.medianYear,
  };
  const movieTable = movieTableOf(input, sums, recent.perMovie, globals, countGlobals);
  input.onPass?.('user statistics');
  const userTable = userTableOf(input, globals, countGlobals);
  return { slices, globals, countGlobals, userTable, movieTable };
}

/** Slice s < K leaves slot s out; the last slice (FULL) leaves nothing out (-1). */
function excludedSlot(slice: number, folds: number): number {
  return slice < folds ? slice : -1;
}

/** Pass 1's sums: per (slot, movie) and per slot, plus the rating-free counts. */
interface MovieAndGlobalSums {
  /** slots x nMovies */
  readonly movieCount: Float64Array;
  readonly movieSum: Float64Array;
  /** Ratings per movie over every slot. */
  readonly movieTotal: Uint32Array;
  /** Per slot. */
  readonly globalCount: Float64Array;
  readonly globalSum: Float64Array;
  readonly globalSquares: Float64Array;
  readonly globalLikes: Float64Array;
  /** Statistic rows per UTC hour. */
  readonly hours: Float64Array;
  readonly weekend: number;
  readonly windowEnd: number;
}

function movieAndGlobalSums(input: FitStatisticsInput, slots: number): MovieAndGlobalSums {
  const { statRows, slotOf } = input;
  const { movie, rating, timestamp } = input.ratings;
  const nMovies = input.years.length;
  const threshold = input.settings.likeThreshold;
  const movieCount = new Float64Array(slots * nMovies);
  const movieSum = new Float64Array(slots * nMovies);
  const movieTotal = new Uint32Array(nMovies);
  const globalCount = new Float64Array(slots);
  const globalSum = new Float64Array(slots);
  const globalSquares = new Float64Array(slots);
  const globalLikes = new Float64Array(slots);
  const hours = new Float64Array(24);
  let weekend = 0;
  let windowEnd = 0;
  for (let i = 0; i < statRows.length; i++) {
    const r = statRows[i]!;
    const f = slotOf[i]!;
    const m = movie[r]!;
    const x = rating[r]!;
    const t = timestamp[r]!;
    movieCount[f * nMovies + m]!++;
    movieSum[f * nMovies + m]! += x;
    movieTotal[m]!++;
    globalCount[f]!++;
    globalSum[f]! += x;
    globalSquares[f]! += x * x;
    if (x >= threshold) globalLikes[f]!++;
    hours[utcHour(t)]!++;
    if (isUtcWeekend(t)) weekend++;
    if (t > windowEnd) windowEnd = t;
  }
  return {
    movieCount,
    movieSum,
    movieTotal,
    globalCount,
    globalSum,
    globalSquares,
    globalLikes,
    hours,
    weekend,
    windowEnd,
  };
}

/** Statistic rows after `recentFrom`, per movie and in all. */
function recentCounts(
  input: FitStatisticsInput,
  recentFrom: number,
): { perMovie: Uint32Array; total: number } {
  const { statRows } = input;
  const { movie, timestamp } = input.ratings;
  const perMovie = new Uint32Array(input.years.length);
  let total = 0;
  for (let i = 0; i < statRows.length; i++) {
    const r = statRows[i]!;
    if (timestamp[r]! > recentFrom) {
      perMovie[movie[r]!]!++;
      total++;
    }
  }
  return { perMovie, total };
}

function sliceGlobals(sums: MovieAndGlobalSums, folds: number, slots: number): SliceGlobals[] {
  const { globalCount, globalSum, globalSquares, globalLikes } = sums;
  const globals: SliceGlobals[] = [];
  for (let s = 0; s < folds + 1; s++) {
    const excluded = excludedSlot(s, folds);
    let n = 0;
    let sum = 0;
    let squares = 0;
    let likes = 0;
    for (let f = 0; f < slots; f++) {
      if (f === excluded) continue;
      n += globalCount[f]!;
      sum += globalSum[f]!;
      squares += globalSquares[f]!;
      likes += globalLikes[f]!;
    }
    globals.push({
      count: n,
      mean: n > 0 ? sum / n : 0,
      std: n >= 2 ? Math.sqrt(Math.max(0, (squares - (sum * sum) / n) / (n - 1))) : 0,
      likeRatio: n > 0 ? likes / n : 0,
    });
  }
  return globals;
}

/** slices x nMovies x movieCols: each slice's movie rows from the sums of its slots. */
function movieTableOf(
  input: FitStatisticsInput,
  sums: MovieAndGlobalSums,
  movieRecent: Uint32Array,
  globals: readonly SliceGlobals[],
  countGlobals: CountGlobals,
): Float32Array {
  const { folds, genres, years, settings, movieCols } = input;
  const { movieCount, movieSum, movieTotal } = sums;
  const slots = Math.max(folds, 1);
  const slices = folds + 1;
  const nMovies = years.length;
  const movieTable = new Float32Array(slices * nMovies * movieCols);
  const nanMode = settings.missing === 'nan';
  const w = settings.movieMeanPriorWeight;
  for (let s = 0; s < slices; s++) {
    const mu = globals[s]!.mean;
    const excluded = excludedSlot(s, folds);
    for (let m = 0; m < nMovies; m++) {
      let n = 0;
      let sum = 0;
      for (let f = 0; f < slots; f++) {
        if (f === excluded) continue;
        n += movieCount[f * nMovies + m]!;
        sum += movieSum[f * nMovies + m]!;
      }
      writeMovieRow(movieTable, (s * nMovies + m) * movieCols, {
        n,
        sum,
        mu,
        priorWeight: w,
        nanMode,
        total: movieTotal[m]!,
        recent: movieRecent[m]!,
        year: years[m]!,
        countGlobals,
        settings,
        genres,
        movie: m,
      });
    }
  }
  return movieTable;
}

/**
 * Pass 2, users: statistic rows are sorted and the store is sorted by user, so each user's rows
 * are one contiguous run: one small accumulator, finalized when the user changes.
 */
function userTableOf(
  input: FitStatisticsInput,
  globals: readonly SliceGlobals[],
  countGlobals: CountGlobals,
): Float32Array {
  const { ratings, statRows, slotOf, folds, genres, settings, userCols } = input;
  const { user, movie, rating, timestamp } = ratings;
  const slices = folds + 1;
  const nUsers = ratings.userOffsets.length - 1;
  const threshold = settings.likeThreshold;
  const userTable = new Float32Array(slices * nUsers * userCols);
  const acc = new UserAccumulator(Math.max(folds, 1), genres.names.length);
  let i = 0;
  for (let u = 0; u < nUsers; u++) {
    acc.reset();
    while (i < statRows.length && user[statRows[i]!] === u) {
      const r = statRows[i]!;
      acc.add(slotOf[i]!, rating[r]!, timestamp[r]!, threshold, genres, movie[r]!);
      i++;
    }
    for (let s = 0; s < slices; s++) {
      const at = (s * nUsers + u) * userCols;
      acc.write(userTable, at, excludedSlot(s, folds), globals[s]!, countGlobals, settings);
    }
  }
  return userTable;
}

interface MovieRowInput {
  readonly n: number;
  readonly sum: number;
  readonly mu: number;
  readonly priorWeight: number;
  readonly nanMode: boolean;
  readonly total: number;
  readonly recent: number;
  readonly year: number;
  readonly countGlobals: CountGlobals;
  readonly settings: StatSettings;
  readonly genres: MovieGenres;
  readonly movie: number;
}

function writeMovieRow(out: Float32Array, at: number, x: MovieRowInput): void {
  const { n, sum, mu, priorWeight: w, nanMode, total, recent, year, countGlobals: c, settings } = x;
  const cold = n === 0;
  // Bayesian average: the movie's ratings plus w virtual ratings at the global mean.
  out[at + M.mean] = cold ? (nanMode ? Number.NaN : mu) : (sum + w * mu) / (n + w);
  out[at + M.cold] = cold ? 1 : 0;
  out[at + M.count] = total;
  out[at + M.logPopularity] = Math.log1p(total);
  const missingYear = Number.isNaN(year);
  out[at + M.year] = missingYear ? (nanMode ? Number.NaN : c.medianYear) : year;
  out[at + M.yearMissing] = missingYear ? 1 : 0;
  const score = total > 0 ? recent / total : nanMode ? Number.NaN : 0;
  out[at + M.trendScore] = score;
  out[at + M.trending] =
    recent >= settings.trendingMinRatings && total > 0 && score >= settings.trendingLift * c.recentShare
      ? 1
      : 0;
  const { start, index, names } = x.genres;
  const from = start[x.movie]!;
  const to = start[x.movie + 1]!;
  for (let k = from; k < to; k++) out[at + M.genre + index[k]!] = 1;
  if (from === to) out[at + M.genre + names.length] = 1; // "(no genres listed)"
}
