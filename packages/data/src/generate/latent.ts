import { allocateActivity } from './activity';
import type { SynthCatalog } from './catalog';
import { MIN_RATINGS_PER_USER, maxRatingsPerUser, type SynthParams } from './params';
import { Rng } from './rng';
import { GENRES } from './vocabulary';

/** Latent dimensions of the rating model. */
export const FACTORS = 8;
export const GENRE_COUNT = GENRES.length;

/**
 * The hidden truth behind the ratings. A user u's latent score for movie m is
 *
 *   z(u, m) = b_u + b_m + q_u · p_m + (Σ_{g ∈ genres(m)} a_ug) / sqrt(|genres(m)|) + ε,   ε ~ N(0, NOISE²)
 *
 * and ratings are z mapped through quantiles onto the ml-20m rating histogram (see calibrate.ts).
 * Movie factors p_m lean towards the embeddings of their genres, so genres, factors, tags and the
 * genome all tell a consistent story that a model can learn.
 */
export interface SynthLatent {
  /** Ratings per user (log-normal, >= 20, summing to params.ratings). */
  readonly activity: Uint32Array;
  readonly userBias: Float32Array;
  /** users x FACTORS, row-major. */
  readonly userFactors: Float32Array;
  /** users x GENRE_COUNT: how much a user likes each genre beyond the factors. */
  readonly genreAffinity: Float32Array;
  readonly movieBias: Float32Array;
  /** movies x FACTORS, row-major. */
  readonly movieFactors: Float32Array;
  /** 1 / sqrt(number of genres) per movie (0 without genres). */
  readonly genreScale: Float32Array;
  /** GENRE_COUNT x FACTORS: where each genre sits in factor space. */
  readonly genreEmbedding: Float32Array;
}

/** Standard deviation of the rating noise ε. */
export const NOISE = 0.6;
const USER_BIAS_SD = 0.38;
const MOVIE_BIAS_SD = 0.35;
/** Popular movies are better liked: b_m gains this much per standard deviation of log popularity. */
const POPULARITY_BIAS = 0.12;
/** sd of each user factor; with unit-variance movie factors, q·p has sd 0.14 * sqrt(8) ≈ 0.4. */
const USER_FACTOR_SD = 0.14;
const AFFINITY_SD = 0.32;
/** Share of a movie factor's variance explained by its genres. */
const GENRE_FACTOR_SHARE = 0.55;
/** sigma of the log-normal user activity (ml-20m: median 68, mean 144 ratings per user). */
const ACTIVITY_SIGMA = 1.38;
/** Heavy raters are harsher, as in MovieLens: b_u drops this much per e-fold of activity. */
const ACTIVITY_BIAS = -0.05;

export function buildLatent(params: SynthParams, catalog: SynthCatalog, seed: number): SynthLatent {
  const rng = new Rng(seed, 2);
  const { users, movies } = params;

  const genreEmbedding = new Float32Array(GENRE_COUNT * FACTORS);
  for (let i = 0; i < genreEmbedding.length; i++) genreEmbedding[i] = rng.normal();

  // Movies.
  let meanLog = 0;
  for (let m = 0; m < movies; m++) meanLog += Math.log(catalog.popularity[m]!);
  meanLog /= movies;
  let varLog = 0;
  for (let m = 0; m < movies; m++) varLog += (Math.log(catalog.popularity[m]!) - meanLog) ** 2;
  const sdLog = Math.sqrt(varLog / movies) || 1;

  const movieBias = new Float32Array(movies);
  const movieFactors = new Float32Array(movies * FACTORS);
  const genreScale = new Float32Array(movies);
  const fromGenres = Math.sqrt(GENRE_FACTOR_SHARE);
  const own = Math.sqrt(1 - GENRE_FACTOR_SHARE);
  for (let m = 0; m < movies; m++) {
    const start = catalog.genreStart[m]!;
    const end = catalog.genreStart[m + 1]!;
    const n = end - start;
    genreScale[m] = n > 0 ? 1 / Math.sqrt(n) : 0;
    let offset = 0;
    for (let j = start; j < end; j++) offset += GENRES[catalog.genreIds[j]!]!.offset;
    const popularityZ = (Math.log(catalog.popularity[m]!) - meanLog) / sdLog;
    movieBias[m] = MOVIE_BIAS_SD * rng.normal() + (n > 0 ? offset / n : 0) + POPULARITY_BIAS * popularityZ;
    for (let k = 0; k < FACTORS; k++) {
      let g = 0;
      for (let j = start; j < end; j++) g += genreEmbedding[catalog.genreIds[j]! * FACTORS + k]!;
      movieFactors[m * FACTORS + k] = (n > 0 ? fromGenres * g * genreScale[m]! : 0) + own * rng.normal();
    }
  }

  // Users.
  const weights = new Float64Array(users);
  for (let u = 0; u < users; u++) weights[u] = Math.exp(ACTIVITY_SIGMA * rng.normal());
  const activity = allocateActivity(weights, params.ratings, MIN_RATINGS_PER_USER, maxRatingsPerUser(movies));
  const userBias = new Float32Array(users);
  const userFactors = new Float32Array(users * FACTORS);
  const genreAffinity = new Float32Array(users * GENRE_COUNT);
  for (let u = 0; u < users; u++) {
    userBias[u] = USER_BIAS_SD * rng.normal() + ACTIVITY_BIAS * Math.log(activity[u]! / MIN_RATINGS_PER_USER);
    for (let k = 0; k < FACTORS; k++) userFactors[u * FACTORS + k] = USER_FACTOR_SD * rng.normal();
    for (let g = 0; g < GENRE_COUNT; g++) genreAffinity[u * GENRE_COUNT + g] = AFFINITY_SD * rng.normal();
  }

  return {
    activity,
    userBias,
    userFactors,
    genreAffinity,
    movieBias,
    movieFactors,
    genreScale,
    genreEmbedding,
  };
}
