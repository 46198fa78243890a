import {
  decodeModel,
  encodeModel,
  foldInMf,
  type MfModel,
  outOfFoldPredictions,
  predictMf,
  trainMf,
} from '@reco/cf-svd';
import type { RatingsStore } from '@reco/data';
import { decodeUint8, encodeBytes } from './codec';
import { FeatureError } from './errors';
import type { CfScorer } from './kernel';
import type { ResolvedCfOptions } from './options';

/**
 * The 'cf' feature: the rating a biased matrix factorisation (`@reco/cf-svd`) predicts for the pair.
 * Training rows get out-of-fold predictions (`outOfFoldPredictions`: K models, each fitted without
 * the fold it predicts), every other row the model fitted on all training rows, and a new user the
 * same model with their vector folded in (`foldInMf`). Under the deck protocol one model is fitted
 * on every rating, and every row, training rows included, gets its in-sample prediction.
 */
export class MfScorer implements CfScorer {
  constructor(
    readonly model: MfModel,
    /** OOF prediction per store row (training rows only); null for a pipeline read from JSON. */
    private readonly oofByRow: Float32Array | null,
    private readonly full: number,
  ) {}

  score(user: number, movie: number, slice: number, row: number): number {
    if (slice !== this.full && this.oofByRow !== null) return this.oofByRow[row]!;
    // Rounded to float32 like the OOF predictions, so both kinds of rows share one precision.
    return Math.fround(predictMf(this.model, user, movie));
  }

  /** The same model with one folded-in user as user 0. */
  forNewUser(items: Uint32Array, ratings: Float64Array): MfScorer {
    const folded = foldInMf(this.model, { items, ratings });
    const model: MfModel = {
      ...this.model,
      nUsers: 1,
      userBias: Float32Array.of(folded.bias),
      userFactors: folded.factors,
    };
    return new MfScorer(model, null, this.full);
  }
}

export interface FitCfInput {
  readonly ratings: RatingsStore;
  readonly nMovies: number;
  readonly trainRows: Uint32Array;
  readonly folds: number;
  readonly deck: boolean;
  readonly options: ResolvedCfOptions;
  readonly seed: number;
  /** Slice of non-training rows (FULL). */
  readonly full: number;
}

/**
 * Threads of each MF fit. trainMf's stratified SGD gives the same bytes for any thread count, so
 * this is only a speed choice: below ~100k ratings a worker's start-up costs more than it saves.
 */
function mfThreads(rows: number): number {
  return rows >= 100_000 ? 2 : 1;
}

export async function fitCf(input: FitCfInput): Promise<MfScorer> {
  const { ratings, nMovies, trainRows, options, seed } = input;
  const common = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: ratings.userOffsets.length - 1,
    nItems: nMovies,
  };
  const mfOptions = {
    factors: options.factors,
    epochs: options.epochs,
    learningRate: options.learningRate,
    regularization: options.regularization,
    biasRegularization: options.biasRegularization,
    threads: mfThreads(input.deck ? ratings.length : trainRows.length),
  };
  try {
    if (input.deck) {
      const model = await trainMf({ ...common, ...mfOptions, seed });
      return new MfScorer(model, null, input.full);
    }
    const result = await outOfFoldPredictions({
      ...common,
      trainRows,
      predictRows: new Uint32Array(0),
      folds: input.folds,
      seed,
      mfOptions,
    });
    const oofByRow = new Float32Array(ratings.length);
    for (let p = 0; p < trainRows.length; p++) oofByRow[trainRows[p]!] = result.trainPredictions[p]!;
    return new MfScorer(result.model, oofByRow, input.full);
  } catch (cause) {
    throw new FeatureError(
      'fit-failed',
      `fitFeaturePipeline: the 'cf' family's matrix factorisation failed: ${String(cause)}`,
      {
        cause,
      },
    );
  }
}

/** The full-training model in the pipeline JSON: `@reco/cf-svd`'s own header, bytes as base64. */
export interface CfJson {
  readonly header: unknown;
  readonly bytes: string;
}

export function cfToJson(scorer: MfScorer): CfJson {
  const { header, bytes } = encodeModel(scorer.model);
  return { header, bytes: encodeBytes(bytes) };
}

export function cfFromJson(json: unknown, full: number): MfScorer {
  const record = json as Partial<CfJson> | null;
  if (typeof record !== 'object' || record === null || typeof record.bytes !== 'string') {
    throw new FeatureError(
      'bad-pipeline-json',
      'FeaturePipeline.fromJSON: cf must be { header, bytes } as written by toJSON',
    );
  }
  let model: ReturnType<typeof decodeModel>;
  try {
    model = decodeModel(record.header, decodeUint8(record.bytes));
  } catch (cause) {
    throw new FeatureError(
      'bad-pipeline-json',
      `FeaturePipeline.fromJSON: the cf model is unreadable: ${String(cause)}`,
      {
        cause,
      },
    );
  }
  if (model.kind !== 'mf')
    throw new FeatureError(
      'bad-pipeline-json',
      "FeaturePipeline.fromJSON: the cf model must be of kind 'mf'",
    );
  return new MfScorer(model, null, full);
}
