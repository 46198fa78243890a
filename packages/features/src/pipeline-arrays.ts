import { vocabularyMasks } from './genres';
import { movieColumns, userColumns } from './layout';
import type { PipelineState } from './state';

/** One numeric array of a fitted pipeline, row-major, with its shape and what it holds. */
export interface PipelineArray {
  readonly data: Float32Array | Float64Array | Int32Array | Uint32Array;
  readonly shape: readonly number[];
  readonly description: string;
  /** Names of the last axis, when its positions have names. */
  readonly columns?: readonly string[];
}

/**
 * The serving state's numeric arrays, as plain typed arrays (copies of the full-training slice):
 * what `toJSON` stores as base64, for writers of standard formats such as `.npy`. The row
 * families' tables (baseline, taste, time) stay in the JSON only.
 */
export function pipelineArrays(state: PipelineState): Record<string, PipelineArray> {
  return { ...tableArrays(state), ...scalerArrays(state), ...idArrays(state), ...cfArrays(state) };
}

/** The full-training slice of the statistics tables, the content vectors and the genre masks. */
function tableArrays(state: PipelineState): Record<string, PipelineArray> {
  const { tables, layout, genres, content, nUsers, movieIds } = state;
  const nMovies = movieIds.length;
  const { userCols, movieCols } = layout;
  const userFrom = tables.full * nUsers * userCols;
  const movieFrom = tables.full * nMovies * movieCols;
  return {
    user_table: {
      data: tables.userRaw.slice(userFrom, userFrom + nUsers * userCols),
      shape: [nUsers, userCols],
      description: 'unscaled full-training user statistics, one row per dense user index',
      columns: userColumns(genres.names).map((c) => c.name),
    },
    movie_table: {
      data: tables.movieRaw.slice(movieFrom, movieFrom + nMovies * movieCols),
      shape: [nMovies, movieCols],
      description: 'unscaled full-training movie statistics, one row per dense movie index',
      columns: movieColumns(genres.names).map((c) => c.name),
    },
    content_vectors: {
      data: content.vectors.slice(),
      shape: [nMovies, content.dims],
      description: 'unscaled content embeddings (TF-IDF + SVD), one row per dense movie index',
    },
    movie_genre_masks: {
      data: vocabularyMasks(genres),
      shape: [nMovies],
      description: 'bit c set when the movie has genre c of the pipeline JSON "genres"',
    },
  };
}

function scalerArrays(state: PipelineState): Record<string, PipelineArray> {
  const { scaler } = state.tables;
  const featureNames = state.layout.columns.map((c) => c.name);
  return {
    scaler_mean: {
      data: scaler.mean.slice(),
      shape: [featureNames.length],
      description: 'StandardScaler mean per output feature (0 for unscaled columns): z = (x - mean) / std',
      columns: featureNames,
    },
    scaler_std: {
      data: scaler.std.slice(),
      shape: [featureNames.length],
      description: 'StandardScaler population std per output feature (1 for unscaled or constant columns)',
      columns: featureNames,
    },
  };
}

/** External ids per dense index; `user_ids` only when the pipeline knows them. */
function idArrays(state: PipelineState): Record<string, PipelineArray> {
  const { movieIds, userIds, nUsers } = state;
  const arrays: Record<string, PipelineArray> = {
    movie_ids: {
      data: movieIds.slice(),
      shape: [movieIds.length],
      description: 'external movieId per dense movie index (sorted)',
    },
  };
  if (userIds !== null) {
    arrays.user_ids = {
      data: userIds.slice(),
      shape: [nUsers],
      description: 'external userId per dense user index (sorted)',
    };
  }
  return arrays;
}

/** The 'cf' family's MF model, when the pipeline has one. */
function cfArrays(state: PipelineState): Record<string, PipelineArray> {
  if (state.cf === null) return {};
  const { model } = state.cf;
  const k = model.factors;
  return {
    cf_user_bias: {
      data: model.userBias.slice(),
      shape: [model.nUsers],
      description: "b_u of the 'cf' feature's MF model (full training)",
    },
    cf_item_bias: {
      data: model.itemBias.slice(),
      shape: [model.nItems],
      description: "b_i of the 'cf' feature's MF model",
    },
    cf_user_factors: {
      data: model.userFactors.slice(),
      shape: [model.nUsers, k],
      description: "p_u of the 'cf' feature's MF model, users x factors",
    },
    cf_item_factors: {
      data: model.itemFactors.slice(),
      shape: [model.nItems, k],
      description: "q_i of the 'cf' feature's MF model, movies x factors",
    },
  };
}
