import { decodeFloat32, encodeArray } from '../codec';
import { FeatureError } from '../errors';
import { excludedSlot, type NewUserRows, type RowFamily, type RowFamilyInput } from './family';

/** Shrinkage of the movie and user biases (Koren 2008's λ2, λ3): a bias of few ratings says little. */
export const MOVIE_BIAS_SHRINK = 25;
export const USER_BIAS_SHRINK = 10;
/** Alternating rounds (movie biases, then user biases); the second round moves AUC, later ones do not. */
const ROUNDS = 2;

/** The regularised baseline predictor μ + b_u + b_i of every slice. */
export interface Biases {
  readonly slices: number;
  readonly mean: Float64Array;
  /** slices x nUsers */
  readonly user: Float32Array;
  /** slices x nMovies */
  readonly movie: Float32Array;
}

/**
 * Fits the biases of each slice on its own rows (slot != s) by alternating shrunk means:
 * b_i = Σ (r − μ − b_u) / (λ2 + n_i), b_u = Σ (r − μ − b_i) / (λ3 + n_u). Linear in ratings:
 * slices x rounds x 2 passes over the statistic rows.
 */
export function fitBiases(input: RowFamilyInput): Biases {
  const { ratings, statRows, slotOf, folds, nUsers, nMovies } = input;
  const slices = folds + 1;
  const mean = new Float64Array(slices);
  const user = new Float32Array(slices * nUsers);
  const movie = new Float32Array(slices * nMovies);
  const sum = new Float64Array(Math.max(nUsers, nMovies));
  const count = new Float64Array(Math.max(nUsers, nMovies));
  const { user: userOf, movie: movieOf, rating } = ratings;
  for (let s = 0; s < slices; s++) {
    const excluded = excludedSlot(s, folds);
    let n = 0;
    let total = 0;
    for (let i = 0; i < statRows.length; i++) {
      if (slotOf[i] === excluded) continue;
      n++;
      total += rating[statRows[i]!]!;
    }
    const mu = n > 0 ? total / n : 0;
    mean[s] = mu;
    const bu = user.subarray(s * nUsers, (s + 1) * nUsers);
    const bi = movie.subarray(s * nMovies, (s + 1) * nMovies);
    for (let round = 0; round < ROUNDS; round++) {
      sum.fill(0);
      count.fill(0);
      for (let i = 0; i < statRows.length; i++) {
        if (slotOf[i] === excluded) continue;
        const r = statRows[i]!;
        const m = movieOf[r]!;
        sum[m]! += rating[r]! - mu - bu[userOf[r]!]!;
        count[m]!++;
      }
      for (let m = 0; m < nMovies; m++) bi[m] = sum[m]! / (MOVIE_BIAS_SHRINK + count[m]!);
      sum.fill(0);
      count.fill(0);
      for (let i = 0; i < statRows.length; i++) {
        if (slotOf[i] === excluded) continue;
        const r = statRows[i]!;
        const u = userOf[r]!;
        sum[u]! += rating[r]! - mu - bi[movieOf[r]!]!;
        count[u]!++;
      }
      for (let u = 0; u < nUsers; u++) bu[u] = sum[u]! / (USER_BIAS_SHRINK + count[u]!);
    }
  }
  return { slices, mean, user, movie };
}

/** A user's bias given fixed movie biases: the one-user case of the b_u step. */
export function foldInUserBias(mu: number, movieBias: Float32Array, rows: NewUserRows): number {
  let sum = 0;
  for (let k = 0; k < rows.movies.length; k++) sum += rows.ratings[k]! - mu - movieBias[rows.movies[k]!]!;
  return sum / (USER_BIAS_SHRINK + rows.movies.length);
}

export const BASELINE_COLUMNS = ['baseline_prediction', 'baseline_user_bias', 'baseline_movie_bias'] as const;

/**
 * The 'baseline' family: the Netflix-Prize baseline predictor μ + b_u + b_i and its two biases.
 * Training rows read their fold's slice, so their own rating never reaches them.
 */
export class BaselineFamily implements RowFamily {
  readonly names = BASELINE_COLUMNS;

  constructor(
    readonly biases: Biases,
    private readonly nUsers: number,
    private readonly nMovies: number,
  ) {}

  write(out: Float64Array, at: number, u: number, m: number, slice: number): void {
    // A one-slice family (read from JSON, or one new user) serves every slice from FULL.
    const s = slice < this.biases.slices ? slice : this.biases.slices - 1;
    const { mean, user, movie } = this.biases;
    const bu = user[s * this.nUsers + u]!;
    const bi = movie[s * this.nMovies + m]!;
    out[at] = mean[s]! + bu + bi;
    out[at + 1] = bu;
    out[at + 2] = bi;
  }

  forNewUser(rows: NewUserRows): BaselineFamily {
    const full = this.full();
    const bu = foldInUserBias(full.mean[0]!, full.movie, rows);
    return new BaselineFamily({ ...full, user: Float32Array.of(bu) }, 1, this.nMovies);
  }

  /** The FULL slice alone (slice 0 of the result). */
  full(): Biases {
    const s = this.biases.slices - 1;
    const { mean, user, movie } = this.biases;
    return {
      slices: 1,
      mean: Float64Array.of(mean[s]!),
      user: user.slice(s * this.nUsers, (s + 1) * this.nUsers),
      movie: movie.slice(s * this.nMovies, (s + 1) * this.nMovies),
    };
  }

  toJSON(): Record<string, unknown> {
    const full = this.full();
    return { mean: full.mean[0], user: encodeArray(full.user), movie: encodeArray(full.movie) };
  }

  static fromJSON(json: Record<string, unknown>, nUsers: number, nMovies: number): BaselineFamily {
    if (typeof json.mean !== 'number') {
      throw new FeatureError(
        'bad-pipeline-json',
        'FeaturePipeline.fromJSON: rows.baseline.mean must be a number',
      );
    }
    const biases: Biases = {
      slices: 1,
      mean: Float64Array.of(json.mean),
      user: decodeFloat32('rows.baseline.user', json.user, nUsers),
      movie: decodeFloat32('rows.baseline.movie', json.movie, nMovies),
    };
    return new BaselineFamily(biases, nUsers, nMovies);
  }
}
