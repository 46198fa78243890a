import { type AlsModel, type AlsOptions, alsItemScores, foldInAls, trainAls } from '@reco/cf-svd';
import { type EaseModel, type EaseOptions, fitEase, scoreEase } from './ease';
import { RetrievalError } from './errors';
import { foldInItems, type InteractionMatrix, type RatingColumns, userItems } from './interactions';
import { scoreWithWeights } from './item-weights';
import { fitItemKnn, type ItemKnnModel, type ItemKnnOptions } from './knn';
import { fitPopularity, type PopularityModel } from './popularity';
import { fitRp3beta, type Rp3betaModel, type Rp3betaOptions } from './rp3beta';

/** Every retrieval model: plain data, told apart by `kind`. ALS is cf-svd's implicit ALS. */
export type Retriever = PopularityModel | EaseModel | ItemKnnModel | Rp3betaModel | AlsModel;
export type RetrieverKind = Retriever['kind'];
export const RETRIEVER_KINDS: readonly RetrieverKind[] = ['popularity', 'ease', 'item-knn', 'rp3beta', 'als'];

/** Hyper-parameters per kind (ALS: cf-svd's options without the data and callbacks). */
export interface RetrieverParams {
  popularity: Record<string, never>;
  ease: EaseOptions;
  'item-knn': ItemKnnOptions;
  rp3beta: Rp3betaOptions;
  als: Pick<AlsOptions, 'factors' | 'iterations' | 'regularization' | 'alpha' | 'cgSteps' | 'threads'>;
}

/** What a fit needs: the interaction matrix and, for ALS, the rating rows it was built from. */
export interface FitInput {
  readonly matrix: InteractionMatrix;
  readonly ratings: RatingColumns;
  /** The training rows (the ones `matrix` was built from). */
  readonly rows: Uint32Array;
  readonly seed: number;
}

/** Fits a retriever of `kind` with `params` on the training interactions. */
export async function fitRetriever<K extends RetrieverKind>(
  kind: K,
  params: RetrieverParams[K],
  input: FitInput,
): Promise<Retriever> {
  const { matrix } = input;
  switch (kind) {
    case 'popularity':
      return fitPopularity(matrix);
    case 'ease':
      return fitEase(matrix, params as EaseOptions);
    case 'item-knn':
      return fitItemKnn(matrix, params as ItemKnnOptions);
    case 'rp3beta':
      return fitRp3beta(matrix, params as Rp3betaOptions);
    case 'als':
      return trainAls({
        ...input.ratings,
        rows: input.rows,
        // Every rating counts when the matrix does; ALS's confidence still grows with the rating.
        likeThreshold: matrix.likeThreshold ?? Number.NEGATIVE_INFINITY,
        seed: input.seed,
        ...(params as RetrieverParams['als']),
      });
    default:
      throw new RetrievalError(
        'invalid-option',
        `unknown retriever kind '${String(kind)}'; use one of ${RETRIEVER_KINDS.join(', ')}`,
        { field: 'kind' },
      );
  }
}

/** Scores every catalogue item for user u of `profile` (the training matrix) into `out`. */
export function scoreKnownUser(
  model: Retriever,
  profile: InteractionMatrix,
  u: number,
  out: Float32Array,
): void {
  if (model.kind === 'als') {
    alsItemScores(model, u, out);
    return;
  }
  scoreItemsOf(model, userItems(profile, u), out);
}

/**
 * Folds in a new user from (item, rating) pairs and scores every item into `out`: item-item
 * models sum the rows of the items that pass the training rule; ALS solves the user's vector.
 */
export function scoreNewUser(
  model: Retriever,
  items: ArrayLike<number>,
  ratings: ArrayLike<number>,
  out: Float32Array,
): void {
  if (model.kind === 'als') {
    alsItemScores(model, foldInAls(model, { items, ratings }), out);
    return;
  }
  scoreItemsOf(model, foldInItems(items, ratings, model.nItems, model.likeThreshold), out);
}

function scoreItemsOf(
  model: Exclude<Retriever, AlsModel>,
  items: ArrayLike<number>,
  out: Float32Array,
): void {
  if (out.length !== model.nItems) {
    throw new RetrievalError(
      'invalid-input',
      `out has ${out.length} entries but the model scores ${model.nItems} items`,
      { field: 'out' },
    );
  }
  switch (model.kind) {
    case 'popularity':
      out.set(model.counts);
      return;
    case 'ease':
      scoreEase(model, items, out);
      return;
    default:
      scoreWithWeights(model, items, out);
  }
}
