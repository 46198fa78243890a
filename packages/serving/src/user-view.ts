import { type FoldedMfUser, foldInAls, foldInMf } from '@reco/cf-svd';
import type { RecommenderParts } from './parts';
import type { NewUserRating } from './types';

/**
 * One user as serving sees them, known or folded in: what they rated and their CF vectors. The
 * rest of serving is the same code for both kinds.
 */
export interface UserView {
  /** Dense user index of a training user; -1 for a folded-in new user. */
  readonly user: number;
  /** Rated movies (dense indices) and their ratings, aligned. */
  readonly movies: Uint32Array;
  readonly ratings: Float32Array;
  /** A new user's ratings as given (the pipeline's new-user transform reads them); null when known. */
  readonly newRatings: readonly NewUserRating[] | null;
  readonly mf: FoldedMfUser;
  readonly als: Float32Array | null;
}

export function knownUserView(parts: RecommenderParts, user: number): UserView {
  const { userOffsets, movie, rating } = parts.ratings;
  const from = userOffsets[user]!;
  const to = userOffsets[user + 1]!;
  const { mf, als } = parts;
  const f = mf.factors;
  return {
    user,
    movies: movie.subarray(from, to),
    ratings: rating.subarray(from, to),
    newRatings: null,
    mf: { bias: mf.userBias[user]!, factors: mf.userFactors.subarray(user * f, (user + 1) * f) },
    als: als == null ? null : als.userFactors.subarray(user * als.factors, (user + 1) * als.factors),
  };
}

/**
 * A new user from ratings already resolved to dense movie indices: fold-in, no retraining. The MF
 * and ALS vectors are solved on first read and kept: most strategies (EASE, item-kNN, RP3beta,
 * popularity) never read them, and each solve is a (factors + 1)² Cholesky.
 */
export function newUserView(
  parts: RecommenderParts,
  ratings: readonly NewUserRating[],
  movies: Uint32Array,
): UserView {
  const values = Float32Array.from(ratings, (r) => r.rating);
  const input = { items: movies, ratings: values };
  let mf: FoldedMfUser | undefined;
  let als: Float32Array | null | undefined;
  return {
    user: -1,
    movies,
    ratings: values,
    newRatings: ratings,
    get mf() {
      mf ??= foldInMf(parts.mf, input);
      return mf;
    },
    get als() {
      if (als === undefined) als = parts.als == null ? null : nonZero(foldInAls(parts.als, input));
      return als;
    },
  };
}

/**
 * ALS folds in like events only: someone who liked nothing gets a zero vector, whose scores tie
 * everywhere. Null makes serving use their MF vector instead, which learns from every rating.
 */
function nonZero(vector: Float32Array): Float32Array | null {
  for (let k = 0; k < vector.length; k++) if (vector[k] !== 0) return vector;
  return null;
}
