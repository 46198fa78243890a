import { decodeFloat32, encodeArray } from '../codec';
import { FeatureError } from '../errors';
import { excludedSlot, type NewUserRows, type RowFamily, type RowFamilyInput } from './family';

const DAY = 86_400;
/** Virtual ratings at the overall mean added to the recent means. */
const DRIFT_SHRINK = 5;

export const TIME_COLUMNS = [
  'time_user_drift',
  'time_user_days',
  'time_movie_days',
  'time_movie_recent_delta',
] as const;

/** Per-slice tables of the 'time' family (FULL alone after `toJSON`). */
export interface TimeTables {
  readonly slices: number;
  /** slices x nUsers: shrunk mean of the later half of the user's ratings minus their mean. */
  readonly userDrift: Float32Array;
  /** slices x nMovies: shrunk mean of the movie's recent ratings minus its mean. */
  readonly movieTrend: Float32Array;
  /** First training rating of each user / movie (unix seconds; NaN when none): rating-free. */
  readonly userFirst: Float64Array;
  readonly movieFirst: Float64Array;
}

/** Shrunk recent mean minus the overall mean, from [n, sum, nRecent, sumRecent]. */
function drift(n: number, sum: number, nRecent: number, sumRecent: number): number {
  if (n === 0) return 0;
  const mean = sum / n;
  return (sumRecent + DRIFT_SHRINK * mean) / (nRecent + DRIFT_SHRINK) - mean;
}

/** First and last timestamps of users and movies over the statistic rows (no ratings read). */
function timeSpans(input: RowFamilyInput) {
  const { ratings, statRows, nUsers, nMovies } = input;
  const userFirst = new Float64Array(nUsers).fill(Number.NaN);
  const userLast = new Float64Array(nUsers).fill(Number.NaN);
  const movieFirst = new Float64Array(nMovies).fill(Number.NaN);
  for (let i = 0; i < statRows.length; i++) {
    const r = statRows[i]!;
    const t = ratings.timestamp[r]!;
    const u = ratings.user[r]!;
    const m = ratings.movie[r]!;
    if (!(t >= userFirst[u]!)) userFirst[u] = t;
    if (!(t <= userLast[u]!)) userLast[u] = t;
    if (!(t >= movieFirst[m]!)) movieFirst[m] = t;
  }
  return { userFirst, userLast, movieFirst };
}

/** Two passes over the statistic rows: spans, then per-slot sums of users and movies. */
export function fitTime(input: RowFamilyInput): TimeTables {
  const { ratings, statRows, slotOf, folds, nUsers, nMovies, recentFrom } = input;
  const { userFirst, userLast, movieFirst } = timeSpans(input);
  const slots = Math.max(folds, 1);
  const slices = folds + 1;
  const userSums = new Float64Array(slots * nUsers * 4);
  const movieSums = new Float64Array(slots * nMovies * 4);
  for (let i = 0; i < statRows.length; i++) {
    const r = statRows[i]!;
    const f = slotOf[i]!;
    const u = ratings.user[r]!;
    const m = ratings.movie[r]!;
    const x = ratings.rating[r]!;
    const t = ratings.timestamp[r]!;
    const ua = (f * nUsers + u) * 4;
    userSums[ua]!++;
    userSums[ua + 1]! += x;
    // The later half of the user's own training span.
    if (2 * t > userFirst[u]! + userLast[u]!) {
      userSums[ua + 2]!++;
      userSums[ua + 3]! += x;
    }
    const ma = (f * nMovies + m) * 4;
    movieSums[ma]!++;
    movieSums[ma + 1]! += x;
    if (t > recentFrom) {
      movieSums[ma + 2]!++;
      movieSums[ma + 3]! += x;
    }
  }
  return {
    slices,
    userDrift: sliceDrifts(userSums, slots, slices, folds, nUsers),
    movieTrend: sliceDrifts(movieSums, slots, slices, folds, nMovies),
    userFirst,
    movieFirst,
  };
}

function sliceDrifts(
  sums: Float64Array,
  slots: number,
  slices: number,
  folds: number,
  n: number,
): Float32Array {
  const out = new Float32Array(slices * n);
  for (let s = 0; s < slices; s++) {
    const excluded = excludedSlot(s, folds);
    for (let e = 0; e < n; e++) {
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      for (let f = 0; f < slots; f++) {
        if (f === excluded) continue;
        const at = (f * n + e) * 4;
        a += sums[at]!;
        b += sums[at + 1]!;
        c += sums[at + 2]!;
        d += sums[at + 3]!;
      }
      out[s * n + e] = drift(a, b, c, d);
    }
  }
  return out;
}

/**
 * The 'time' family: the user's drift (their recent mean minus their mean), how long they and the
 * movie have been rating / rated at this row's time (days since the first training rating), and
 * the movie's recent trend (its recent mean minus its mean).
 */
export class TimeFamily implements RowFamily {
  readonly names = TIME_COLUMNS;

  constructor(
    readonly tables: TimeTables,
    private readonly nUsers: number,
    private readonly nMovies: number,
  ) {}

  write(out: Float64Array, at: number, u: number, m: number, slice: number, t: number): void {
    // A one-slice family (read from JSON, or one new user) serves every slice from FULL.
    const s = slice < this.tables.slices ? slice : this.tables.slices - 1;
    const { userDrift, movieTrend, userFirst, movieFirst } = this.tables;
    out[at] = userDrift[s * this.nUsers + u]!;
    const uf = userFirst[u]!;
    const mf = movieFirst[m]!;
    out[at + 1] = Number.isNaN(uf) ? 0 : (t - uf) / DAY;
    out[at + 2] = Number.isNaN(mf) ? 0 : (t - mf) / DAY;
    out[at + 3] = movieTrend[s * this.nMovies + m]!;
  }

  forNewUser(rows: NewUserRows): TimeFamily {
    let first = Number.NaN;
    let last = Number.NaN;
    for (const t of rows.timestamps) {
      if (t < 0) continue;
      if (!(t >= first)) first = t;
      if (!(t <= last)) last = t;
    }
    let n = 0;
    let sum = 0;
    let nRecent = 0;
    let sumRecent = 0;
    rows.ratings.forEach((x, k) => {
      n++;
      sum += x;
      const t = rows.timestamps[k]!;
      if (t >= 0 && 2 * t > first + last) {
        nRecent++;
        sumRecent += x;
      }
    });
    const full = this.full();
    const tables: TimeTables = {
      ...full,
      userDrift: Float32Array.of(drift(n, sum, nRecent, sumRecent)),
      userFirst: Float64Array.of(first),
    };
    return new TimeFamily(tables, 1, this.nMovies);
  }

  full(): TimeTables {
    const s = this.tables.slices - 1;
    const { userDrift, movieTrend, userFirst, movieFirst } = this.tables;
    return {
      slices: 1,
      userDrift: userDrift.slice(s * this.nUsers, (s + 1) * this.nUsers),
      movieTrend: movieTrend.slice(s * this.nMovies, (s + 1) * this.nMovies),
      userFirst,
      movieFirst,
    };
  }

  toJSON(): Record<string, unknown> {
    const full = this.full();
    return {
      userDrift: encodeArray(full.userDrift),
      movieTrend: encodeArray(full.movieTrend),
      userFirst: Array.from(full.userFirst, (t) => (Number.isNaN(t) ? null : t)),
      movieFirst: Array.from(full.movieFirst, (t) => (Number.isNaN(t) ? null : t)),
    };
  }

  static fromJSON(json: Record<string, unknown>, nUsers: number, nMovies: number): TimeFamily {
    const times = (key: string, n: number) => {
      const value = json[key];
      if (!Array.isArray(value) || value.length !== n) {
        throw new FeatureError(
          'bad-pipeline-json',
          `FeaturePipeline.fromJSON: rows.time.${key} must hold ${n} entries`,
        );
      }
      return Float64Array.from(value, (t) => (typeof t === 'number' ? t : Number.NaN));
    };
    const tables: TimeTables = {
      slices: 1,
      userDrift: decodeFloat32('rows.time.userDrift', json.userDrift, nUsers),
      movieTrend: decodeFloat32('rows.time.movieTrend', json.movieTrend, nMovies),
      userFirst: times('userFirst', nUsers),
      movieFirst: times('movieFirst', nMovies),
    };
    return new TimeFamily(tables, nUsers, nMovies);
  }
}
