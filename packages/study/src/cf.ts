import { type AlsModel, type MfModel, outOfFoldPredictions, trainAls, trainMf } from '@reco/cf-svd';
import type { RatingsStore } from '@reco/data';
import type { OnStudyProgress } from './stages';

/**
 * Threads for MF. Its stratified SGD gives the same bytes for any thread count (threads run strata
 * that share no user and no item), so this is only speed: two above ~100k ratings, where a
 * worker's start-up is paid back.
 */
export function cfThreads(trainRows: number): number {
  return trainRows >= 100_000 ? 2 : 1;
}

/**
 * Threads for ALS: always two. Its row solves are independent and its Gram sums use a fixed
 * partition per thread, so a fixed thread count gives the same factors on every run.
 */
export const ALS_THREADS = 2;

interface ServingCfOptions {
  ratings: RatingsStore;
  trainRows: Uint32Array;
  nUsers: number;
  nItems: number;
  likeThreshold: number;
  seed: number;
  onProgress?: OnStudyProgress;
}

/** The rating columns and training rows, as cf-svd's trainers take them. */
function trainingColumns({ ratings, trainRows, nUsers, nItems }: ServingCfOptions) {
  return { user: ratings.user, item: ratings.movie, rating: ratings.rating, rows: trainRows, nUsers, nItems };
}

/**
 * The CF models serving uses, fitted on the training rows only: biased MF (retrieval, the 'cf'
 * strategy, fold-in, similar movies) and, when asked, implicit ALS on the like events.
 */
export async function trainServingCf(
  options: ServingCfOptions & { als: boolean },
): Promise<{ mf: MfModel; als: AlsModel | null }> {
  const { trainRows, seed, onProgress } = options;
  const mf = await trainMf({
    ...trainingColumns(options),
    seed,
    threads: cfThreads(trainRows.length),
    onProgress: (p) => onProgress?.({ ...p, stage: 'cf: matrix factorisation' }),
  });
  const als = options.als ? await trainServingAls(options) : null;
  return { mf, als };
}

/** Implicit ALS on the training rows' like events, with cf-svd's default parameters. */
export function trainServingAls(options: ServingCfOptions): Promise<AlsModel> {
  const { seed, onProgress } = options;
  return trainAls({
    ...trainingColumns(options),
    seed,
    threads: ALS_THREADS,
    likeThreshold: options.likeThreshold,
    onProgress: (p) => onProgress?.({ ...p, stage: 'cf: implicit ALS' }),
  });
}

/**
 * The leakage-free CF feature as an extra column: out-of-fold MF predictions on the training rows
 * (K fold models, none of which saw the row), and the all-of-train model's prediction elsewhere.
 */
export async function outOfFoldCfColumn(options: {
  ratings: RatingsStore;
  trainRows: Uint32Array;
  predictRows: Uint32Array;
  nUsers: number;
  nItems: number;
  seed: number;
  onProgress?: OnStudyProgress;
}): Promise<{ train: Float32Array; predict: Float32Array }> {
  const { ratings, trainRows, predictRows, nUsers, nItems, seed, onProgress } = options;
  const result = await outOfFoldPredictions({
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers,
    nItems,
    trainRows,
    predictRows,
    seed,
    folds: 5,
    mfOptions: { factors: 32, epochs: 20, threads: cfThreads(trainRows.length) },
    onProgress: (p) => onProgress?.({ ...p, stage: 'cf feature: out-of-fold MF' }),
  });
  return { train: result.trainPredictions, predict: result.predictions };
}
