import type { AlsModel, MfModel } from '@reco/cf-svd';
import type { Catalog, IdMap, RatingsStore } from '@reco/data';
import type { ContentEmbeddings, FeaturePipeline } from '@reco/features';
import type { Retriever } from '@reco/retrieval';
import { ServingError } from './errors';
import type { ModelInfo, ScoringStrategy } from './types';

/**
 * What serving needs of a classifier: a `Scorer` (what a bundle loads) or any `@reco/models`
 * `Classifier` (what the study trains, with `nFeatures` null before `fit` and a `dispose`).
 * Kept this narrow so the serving code depends on behaviour, not on a model family.
 */
export interface LikeClassifier {
  readonly kind: string;
  /** Columns the model was fitted on (must equal the pipeline's), or null before `fit`. */
  readonly nFeatures: number | null;
  /** P(like) per row of a row-major `nRows x nFeatures` matrix. */
  predictProba(X: Float32Array, nRows: number): Float32Array;
  /** Frees native memory, when the model holds any. */
  dispose?(): void;
}

/**
 * The ratings serving needs (rated-movie exclusion, explanations, popularity, movie statistics):
 * the training rows only, as a CSR slice by dense user index. Structurally a subset of
 * `RatingsStore`, so a whole store also fits; `trainingRatings(store, split.train)` makes one.
 */
export interface ServingRatings {
  /** Rows of user u are `userOffsets[u] .. userOffsets[u+1]-1`; length = users.size + 1. */
  readonly userOffsets: Uint32Array;
  /** Dense movie index per row (into `catalog`). */
  readonly movie: Uint32Array;
  readonly rating: Float32Array;
  /** Unix seconds, UTC. */
  readonly timestamp: Uint32Array;
}

/**
 * A ranked list of movies (dense catalog indices), best first, with the score that ranked them.
 * Used for the popular and trending fallbacks and as retrieval sources.
 */
export interface MovieRanking {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
}

/**
 * Everything a `Recommender` holds in memory. The study builds it after training (to evaluate
 * rankings) and writes it as an artifact bundle; `loadRecommender(dir)` reads the bundle back into
 * the same shape. Everything is columnar; nothing per user is precomputed.
 *
 * Index spaces: movie indices are the catalog's dense indices everywhere (pipeline, MF, ALS and
 * content embeddings must share them); user indices are `users`' dense indices, shared by
 * `ratings`, the pipeline and the CF models.
 */
export interface RecommenderParts {
  readonly catalog: Catalog;
  readonly users: IdMap;
  /** Training interactions (see `ServingRatings`). */
  readonly ratings: ServingRatings;
  /** Like = rating >= likeThreshold (the pipeline's, normally 3.5). */
  readonly likeThreshold: number;
  /** The fitted feature pipeline; its `transformPairs` / `transformForNewUser` feed `classifier`. */
  readonly pipeline: FeaturePipeline;
  /** The served (best) classifier, fitted on the pipeline's columns. */
  readonly classifier: LikeClassifier;
  /** The decision threshold on the like probability, chosen on validation. */
  readonly threshold: number;
  /** Biased MF on the training ratings: CF scores, retrieval, fold-in and "similar" by factors. */
  readonly mf: MfModel;
  /** Implicit ALS on the training like events, when trained (ranking evaluation only). */
  readonly als?: AlsModel | null;
  /**
   * The most-applied user tags of each movie (by dense index, lower case, most-applied first): what
   * "similar" names as shared. Display only, never a model input. Absent: reasons name genres only.
   */
  readonly movieTags?: readonly (readonly string[])[];
  /** Content embeddings; default `pipeline.contentEmbeddings`. */
  readonly content?: ContentEmbeddings;
  /** Most-rated movies first; default computed from `ratings` (count, then mean rating). */
  readonly popular?: MovieRanking;
  /** Trending movies first; default computed from `ratings` (see serving README). */
  readonly trending?: MovieRanking;
  /**
   * The hybrid's classifier weight `reco train` chose on its nested ranking holdout: the default of
   * `ServingOptions.hybridWeight` (0.2 when absent).
   */
  readonly hybridWeight?: number;
  /**
   * Retrieval models (`@reco/retrieval`) fitted on the same training rows as `ratings`, each served
   * as the strategy of its kind ('ease', 'item-knn', 'rp3beta', 'als', 'popularity').
   */
  readonly retrievers?: readonly Retriever[];
  /** The strategy `recommend` uses when the request names none: `reco train`'s choice. Default 'classifier'. */
  readonly defaultStrategy?: ScoringStrategy;
  readonly info: ModelInfo;
}

/**
 * The training rows of a store as `ServingRatings`. `rows` must be sorted ascending (every split
 * part is); because the store is ordered by user, the selection stays grouped by user.
 */
export function trainingRatings(store: RatingsStore, rows: Uint32Array): ServingRatings {
  const nUsers = store.userOffsets.length - 1;
  for (let t = 1; t < rows.length; t++) {
    if (rows[t]! <= rows[t - 1]!) {
      throw new ServingError(
        'invalid-input',
        `trainingRatings: rows must be sorted ascending without repeats (rows[${t}] = ${rows[t]} after ${rows[t - 1]})`,
      );
    }
  }
  if (rows.length > 0 && rows[rows.length - 1]! >= store.length) {
    throw new ServingError(
      'invalid-input',
      `trainingRatings: row ${rows[rows.length - 1]} is outside the store (${store.length} rows)`,
    );
  }
  const userOffsets = new Uint32Array(nUsers + 1);
  const movie = new Uint32Array(rows.length);
  const rating = new Float32Array(rows.length);
  const timestamp = new Uint32Array(rows.length);
  // One pass: copy the selected columns and count rows per user, then prefix-sum the counts.
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t]!;
    movie[t] = store.movie[r]!;
    rating[t] = store.rating[r]!;
    timestamp[t] = store.timestamp[r]!;
    userOffsets[store.user[r]! + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) userOffsets[u + 1]! += userOffsets[u]!;
  return { userOffsets, movie, rating, timestamp };
}
