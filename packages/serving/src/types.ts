/**
 * The serving contract: what `Recommender` offers the CLI and the API. The study (training side)
 * and the serving side meet in `RecommenderParts` (src/parts.ts): the study builds the parts in
 * memory (to evaluate rankings) and writes them as an artifact bundle; `Recommender.load(dir)`
 * reads the bundle back into the same parts.
 */

import type { Movie } from '@reco/data';
import type { RetrieverKind } from '@reco/retrieval';
import type { ResolvedServingOptions } from './options';

/**
 * 'classifier' | 'cf' | 'hybrid' are always served; a retrieval model's kind ('ease', 'item-knn',
 * 'rp3beta', 'als', 'popularity') is served when the bundle stores that model.
 */
export type ScoringStrategy = 'classifier' | 'cf' | 'hybrid' | RetrieverKind;
export type SimilarBy = 'content' | 'cf' | 'blend';

export interface RecommendOptions {
  /** How many items to return. Default 10. */
  readonly n?: number;
  /** Keep only movies with at least one of these genres. */
  readonly genres?: readonly string[];
  readonly minYear?: number;
  readonly maxYear?: number;
  /** Leave out movies the user has rated. Default true. */
  readonly excludeRated?: boolean;
  /** Default: the bundle's served strategy (`recommender.serving.strategy`), else 'classifier'. */
  readonly strategy?: ScoringStrategy;
  /** Score the whole catalogue instead of the two-stage retrieval + ranking. Default false. */
  readonly exhaustive?: boolean;
}

export interface RecommendationItem {
  readonly movieId: number;
  readonly title: string;
  readonly year: number | null;
  readonly genres: readonly string[];
  /** Strategy-dependent score; higher is better. For 'classifier', the like probability. */
  readonly score: number;
  /** A short human explanation, e.g. "you rate Sci-Fi 4.3 on average". */
  readonly reason: string;
}

export interface Recommendations {
  readonly items: readonly RecommendationItem[];
  readonly strategy: ScoringStrategy | 'popular';
  /** True when the list is a popularity/trending fallback (e.g. a user with no ratings). */
  readonly fallback: boolean;
}

export interface NewUserRating {
  readonly movieId: number;
  readonly rating: number;
  /** Unix seconds; defaults to the end of the training window. */
  readonly timestamp?: number;
}

export interface Prediction {
  readonly movieId: number;
  /** The like probability from the served classifier. */
  readonly probability: number;
  readonly like: boolean;
}

export interface Predictions {
  readonly predictions: readonly Prediction[];
  /** The decision threshold chosen on validation and used for `like`. */
  readonly threshold: number;
}

export interface ModelInfo {
  readonly model: string;
  readonly variant: string;
  /** Test-split metrics of the served model, from the comparison table. */
  readonly testMetrics: Readonly<Record<string, number>>;
  readonly dataset: {
    readonly source: string;
    readonly release: string | null;
    readonly fingerprint: string;
  };
  readonly trainedAt: string;
  readonly trainingSeconds: number;
  readonly threshold: number;
}

/** A movie a user rated in the training data, with the rating. */
export interface RatedMovie extends Pick<Movie, 'movieId' | 'title' | 'year' | 'genres'> {
  /** Half stars, 0.5 to 5. */
  readonly rating: number;
  /** When it was rated: Unix seconds, UTC. */
  readonly timestamp: number;
  /** The same day as `YYYY-MM-DD` (UTC). */
  readonly date: string;
}

/** How one user rates one genre, next to everyone. */
export interface GenrePreference {
  readonly genre: string;
  /** The user's training ratings of movies with this genre. */
  readonly count: number;
  /** Their mean rating of them, to two decimals. */
  readonly meanRating: number;
  /** Everyone's mean training rating in the genre, to two decimals (null if nobody rated it). */
  readonly globalMeanRating: number | null;
}

/** A known user's training ratings, summarized: what `userHistory` returns. */
export interface UserHistory {
  readonly userId: number;
  /** Training ratings of the user (validation and test ratings are not served). */
  readonly ratingCount: number;
  /** Their mean rating, to two decimals; null without training ratings. */
  readonly meanRating: number | null;
  /** Everyone's mean training rating, to two decimals. */
  readonly globalMeanRating: number | null;
  /** Highest rated first; ties: the more recent first, then the lower movieId. */
  readonly topRated: readonly RatedMovie[];
  /** Lowest rated first, same ties. Shares movies with `topRated` below 2n ratings. */
  readonly lowestRated: readonly RatedMovie[];
  /** Every genre the user rated, most rated first (ties by name). */
  readonly genres: readonly GenrePreference[];
}

export interface Recommender {
  /** Top-N for a known user. Throws ServingError (code 'unknown-user') for an unknown id. */
  recommend(userId: number, options?: RecommendOptions): Recommendations;
  /**
   * `recommend` for many known users, lazily, in order: each list equals `recommend(userId, options)`.
   * Factor models score the users in blocks (one pass over the item factors per block), which is
   * what makes every user's top N cheap enough for a whole catalogue of users.
   */
  recommendMany(
    userIds: ArrayLike<number>,
    options?: RecommendOptions,
  ): Iterable<{ readonly userId: number; readonly recommendations: Recommendations }>;
  /** Top-N for a new user from a few ratings, by fold-in; no ratings gives the popular list. */
  recommendForRatings(ratings: readonly NewUserRating[], options?: RecommendOptions): Recommendations;
  /** Movies like this one. Works for movies with no ratings (content only). */
  similar(movieId: number, options?: { n?: number; by?: SimilarBy }): readonly RecommendationItem[];
  /** Like probabilities for a known user and some movies. */
  predict(userId: number, movieIds: readonly number[]): Predictions;
  /** Case- and accent-insensitive title search; "alien 1979" and "Alien" both work. */
  searchMovies(
    query: string,
    options?: { limit?: number; offset?: number; genre?: string },
  ): {
    readonly total: number;
    readonly items: readonly MovieSummary[];
  };
  movie(movieId: number): MovieSummary | null;
  /**
   * A known user's training ratings: the `n` (default 10, 1 to 100) highest and lowest rated
   * movies and per-genre preferences. Throws ServingError (code 'unknown-user') for an unknown id.
   */
  userHistory(userId: number, options?: { n?: number }): UserHistory;
  readonly info: ModelInfo;
  /** The serving settings in force, defaults filled in (e.g. the hybrid weight the bundle chose). */
  readonly serving: ResolvedServingOptions;
  /**
   * Answers one request of each kind (a user's list, their history, a fold-in, similar movies, a
   * title search) and drops the answers, so the indexes built on first use and the code's JIT
   * warm-up are paid here rather than by the first people asking. A server calls it before it
   * reports ready.
   */
  warmUp(): void;
  /** Frees native resources (the XGBoost booster). */
  dispose(): void;
}

/** A catalogue movie (`@reco/data`'s `Movie`) with its training-rating count and mean. */
export interface MovieSummary extends Movie {
  readonly ratingCount: number;
  readonly meanRating: number | null;
}
