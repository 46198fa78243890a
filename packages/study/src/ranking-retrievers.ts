import {
  type EvaluationSetup,
  evaluateRetriever,
  fitRetriever,
  type RatingColumns,
  type RetrievalMetrics,
  type Retriever,
  type RetrieverKind,
  type RetrieverParams,
  type RowsHoldout,
  type SearchSpace,
  tuneRetriever,
} from '@reco/retrieval';

/** The retrieval models the ranking stage tunes and compares (popularity is the baseline). */
export const RANKED_RETRIEVERS = ['ease', 'item-knn', 'rp3beta', 'als'] as const;
export type RankedRetriever = (typeof RANKED_RETRIEVERS)[number];

/**
 * Small grids around the values the literature reports (Dacrema et al. 2019; Rendle et al. 2021 for
 * iALS): the machine is shared, and each candidate is one fit plus one pass over the inner users.
 */
export function searchSpaces(easeMaxItems: number): { [K in RankedRetriever]: SearchSpace<K> } {
  return {
    ease: { lambda: [100, 400], maxItems: [easeMaxItems] },
    'item-knn': { k: [50, 200], shrink: [10] },
    rp3beta: { alpha: [0.6, 1], beta: [0.3, 0.5], k: [100] },
    als: { factors: [64], regularization: [10, 50], alpha: [1, 5], iterations: [10], threads: [2] },
  };
}

/** One retriever kind: its inner choice, and the chosen model's metrics on each outer holdout. */
export interface TunedRetriever {
  readonly kind: RetrieverKind;
  readonly params: Record<string, unknown>;
  /** NDCG@10 of the chosen parameters on the inner holdout (what the served choice compares). */
  readonly innerNdcg: number;
  /** The chosen model fitted on the inner training rows (a re-ranker's feature source). */
  readonly inner: Retriever;
  /** The chosen model fitted on the temporal outer training rows. */
  readonly outer: Retriever;
  /** The chosen model fitted on the random holdout's training rows. */
  readonly randomModel: Retriever;
  readonly temporal: RetrievalMetrics;
  readonly random: RetrievalMetrics;
  readonly seconds: number;
  /** Set when EASE's item cap dropped items. */
  readonly note: string | null;
}

export interface RetrieverStudyInput {
  readonly columns: RatingColumns;
  readonly timestamp: ArrayLike<number>;
  /** Inner holdout (choices), carved from `temporal.train`. */
  readonly inner: RowsHoldout;
  readonly innerSetup: EvaluationSetup;
  readonly temporal: RowsHoldout;
  readonly temporalSetup: EvaluationSetup;
  readonly random: RowsHoldout;
  readonly randomSetup: EvaluationSetup;
  readonly seed: number;
  readonly likeThreshold: number;
  readonly maxUsers: number;
}

/**
 * Tunes `kind` on the inner holdout, then fits the chosen parameters on each outer training set
 * and reports both outer holdouts. The outer rows never take part in the choice.
 */
export async function studyRetriever<K extends RankedRetriever>(
  kind: K,
  space: SearchSpace<K>,
  input: RetrieverStudyInput,
): Promise<TunedRetriever> {
  const started = performance.now();
  const { columns, timestamp, seed, likeThreshold } = input;
  const tuned = await tuneRetriever(kind, space, {
    train: { ...columns, rows: input.temporal.train, timestamp },
    innerHoldout: input.inner,
    seed,
    likeThreshold,
    maxUsers: input.maxUsers,
  });
  const fit = (rows: Uint32Array, setup: EvaluationSetup) =>
    fitRetriever(kind, tuned.best as RetrieverParams[K], {
      matrix: setup.profile,
      ratings: columns,
      rows,
      seed,
    });
  const outer = await fit(input.temporal.train, input.temporalSetup);
  const temporal = evaluateRetriever(outer, input.temporalSetup);
  const randomModel = await fit(input.random.train, input.randomSetup);
  const random = evaluateRetriever(randomModel, input.randomSetup);
  return {
    kind,
    params: tuned.best as Record<string, unknown>,
    innerNdcg: tuned.bestNdcg,
    inner: tuned.model,
    outer,
    randomModel,
    temporal,
    random,
    seconds: (performance.now() - started) / 1000,
    note: 'note' in outer ? outer.note : null,
  };
}
