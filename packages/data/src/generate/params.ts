import { DataError } from '../errors';

/** Shape of MovieLens 20M, which the defaults scale from. */
const ML20M = {
  ratings: 20_000_263,
  users: 138_493,
  movies: 27_278,
  genomeTags: 1_128,
  genomeMovies: 10_381,
};

/** Every user rates at least this many movies, as in every MovieLens release. */
export const MIN_RATINGS_PER_USER = 20;
/** No user rates more than this share of the catalog (the heaviest ml-20m user rated 34%). */
export const MAX_CATALOG_SHARE = 0.35;

/** ml-20m's genome has 1,128 tags; the synthetic tag vocabulary holds about that many names. */
export const MAX_GENOME_TAGS = ML20M.genomeTags;

/** The parameters that fully determine a synthetic dataset (written to synth.json). */
export interface SynthParams {
  readonly users: number;
  readonly movies: number;
  readonly ratings: number;
  readonly seed: number;
  readonly genomeTags: number;
  readonly genomeMovies: number;
}

export interface SynthSizeOptions {
  users?: number;
  movies?: number;
  ratings?: number;
  seed?: number;
  genomeTags?: number;
  genomeMovies?: number;
}

/**
 * Fills in what the caller left out so the dataset has the proportions of ml-20m at any size:
 * 144 ratings per user, a catalog that grows sublinearly with the ratings (27k movies at 20M,
 * about 4.5k at 1M), and a genome on the 38% most popular movies.
 */
export function resolveSynthParams(options: SynthSizeOptions): SynthParams {
  const seed = options.seed ?? 1;
  checkInteger('seed', seed, 0, 0xffffffff);
  const ratingsPerUser = ML20M.ratings / ML20M.users;
  const ratings =
    options.ratings ?? (options.users !== undefined ? Math.round(options.users * ratingsPerUser) : 1_000_000);
  checkInteger('ratings', ratings, MIN_RATINGS_PER_USER, 2 ** 32 - 1);
  const scale = ratings / ML20M.ratings;
  const users =
    options.users ??
    Math.max(1, Math.min(Math.floor(ratings / MIN_RATINGS_PER_USER), Math.round(ratings / ratingsPerUser)));
  checkInteger('users', users, 1, 2 ** 31 - 1);
  let movies = options.movies ?? Math.max(100, Math.round(ML20M.movies * scale ** 0.6));
  // Small datasets have few users, so a default catalog may be too small for them to hold the
  // ratings asked for; grow it rather than fail on sizes the caller never chose.
  if (options.movies === undefined) {
    while (ratings > users * maxRatingsPerUser(movies) && movies < 2 ** 24) movies = Math.ceil(movies * 1.1);
  }
  checkInteger('movies', movies, MIN_RATINGS_PER_USER, 2 ** 24);
  const genomeTags =
    options.genomeTags ??
    Math.min(ML20M.genomeTags, Math.max(32, Math.round(ML20M.genomeTags * Math.sqrt(scale))));
  checkInteger('genomeTags', genomeTags, 0, MAX_GENOME_TAGS);
  const genomeMovies = options.genomeMovies ?? Math.round((movies * ML20M.genomeMovies) / ML20M.movies);
  checkInteger('genomeMovies', genomeMovies, 0, movies);

  if (ratings < users * MIN_RATINGS_PER_USER) {
    throw new DataError(
      'bad-option',
      `cannot give each of ${users} users at least ${MIN_RATINGS_PER_USER} ratings with only ${ratings} ratings; ` +
        `ask for at least ${users * MIN_RATINGS_PER_USER} ratings or at most ${Math.floor(ratings / MIN_RATINGS_PER_USER)} users`,
    );
  }
  const perUserCap = maxRatingsPerUser(movies);
  if (ratings > users * perUserCap) {
    throw new DataError(
      'bad-option',
      `${ratings} ratings do not fit: ${users} users can rate at most ${perUserCap} of ${movies} movies each ` +
        `(${users * perUserCap} in all); ask for more users or movies`,
    );
  }
  return { users, movies, ratings, seed, genomeTags, genomeMovies };
}

/** Most ratings one user may have: a share of the catalog, but never below the per-user minimum. */
export function maxRatingsPerUser(movies: number): number {
  return Math.min(movies, Math.max(MIN_RATINGS_PER_USER, Math.floor(movies * MAX_CATALOG_SHARE)));
}

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DataError(
      'bad-option',
      `option ${name} must be an integer from ${min} to ${max}, got ${value}`,
      {
        field: name,
      },
    );
  }
}
