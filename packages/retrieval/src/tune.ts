import { rankingReport } from '@reco/eval';
import { RetrievalError } from './errors';
import { evaluationSetup } from './evaluate';
import { type RowsHoldout, temporalHoldout } from './holdout';
import type { RatingColumns } from './interactions';
import { fitRetriever, type Retriever, type RetrieverKind, type RetrieverParams } from './retriever';
import { recommendAll } from './top-n';

/** A grid: every combination of the listed values is one candidate. */
export type SearchSpace<K extends RetrieverKind> = {
  readonly [P in keyof RetrieverParams[K]]?: readonly RetrieverParams[K][P][];
};

export interface TuneOptions {
  /** The outer training data: ratings plus the rows the tuning may see (with their times). */
  readonly train: RatingColumns & { readonly rows: Uint32Array; readonly timestamp: ArrayLike<number> };
  /**
   * The inner holdout: explicit rows (both subsets of `train.rows`), or the share of each user's
   * latest training ratings to hold out (default 0.2).
   */
  readonly innerHoldout?: RowsHoldout | number;
  /** NDCG cutoff. Default 10. */
  readonly k?: number;
  readonly seed: number;
  /** Interaction rule of the models (null: every rating counts). Default null. */
  readonly likeThreshold?: number | null;
  /** Users the inner holdout scores (a seeded sample above this). Default all. */
  readonly maxUsers?: number;
  /** Called after each candidate. */
  readonly onCandidate?: (candidate: TuneCandidate) => void;
}

export interface TuneCandidate {
  readonly params: Record<string, unknown>;
  readonly ndcg: number;
  readonly recall: number;
  readonly fitSeconds: number;
}

export interface TuneResult<K extends RetrieverKind> {
  readonly kind: K;
  /** The candidate with the highest inner NDCG@k (the first one on a tie). */
  readonly best: RetrieverParams[K];
  readonly bestNdcg: number;
  /** Every candidate, in grid order. */
  readonly candidates: readonly TuneCandidate[];
  readonly users: number;
  /** The best candidate's model, fitted on the inner training rows (e.g. to feed a re-ranker). */
  readonly model: Retriever;
}

/**
 * Picks hyper-parameters for one retriever kind on an inner per-user temporal holdout carved from
 * the training rows, by NDCG@k over the full catalogue (rated items excluded), and reports every
 * candidate. The outer holdout is never seen, so the chosen model can be reported on it honestly.
 */
export async function tuneRetriever<K extends RetrieverKind>(
  kind: K,
  space: SearchSpace<K>,
  options: TuneOptions,
): Promise<TuneResult<K>> {
  const { train, innerHoldout = 0.2, k = 10, seed, likeThreshold = null, maxUsers, onCandidate } = options;
  const inner =
    typeof innerHoldout === 'number'
      ? temporalHoldout({
          user: train.user,
          timestamp: train.timestamp,
          nUsers: train.nUsers,
          rows: train.rows,
          fraction: innerHoldout,
          seed,
        })
      : innerHoldout;
  const setup = evaluationSetup({
    ratings: train,
    train: inner.train,
    holdout: inner.holdout,
    likeThreshold,
    seed,
    ...(maxUsers === undefined ? {} : { maxUsers }),
  });
  const candidates: TuneCandidate[] = [];
  let best = -1;
  let bestModel: Retriever | null = null;
  for (const params of grid(space as Record<string, readonly unknown[]>)) {
    const started = performance.now();
    const model = await fitRetriever(kind, params as RetrieverParams[K], {
      matrix: setup.profile,
      ratings: train,
      rows: inner.train,
      seed,
    });
    const fitSeconds = (performance.now() - started) / 1000;
    const lists = recommendAll({
      model,
      profile: setup.profile,
      exclude: setup.exclude,
      n: k,
      users: setup.users,
    });
    const report = rankingReport(lists, setup.relevance, { k });
    const candidate = { params, ndcg: report.ndcg, recall: report.recall, fitSeconds };
    candidates.push(candidate);
    onCandidate?.(candidate);
    if (best < 0 || candidate.ndcg > candidates[best]!.ndcg) {
      best = candidates.length - 1;
      bestModel = model;
    }
  }
  if (best < 0 || bestModel === null)
    throw new RetrievalError('invalid-option', 'the search space has no candidates', { field: 'space' });
  return {
    kind,
    best: candidates[best]!.params as RetrieverParams[K],
    bestNdcg: candidates[best]!.ndcg,
    candidates,
    users: setup.users.length,
    model: bestModel,
  };
}

/** The cartesian product of the listed values, in order (the last key varies fastest). */
export function grid(space: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(space)) {
    if (values.length === 0) {
      throw new RetrievalError('invalid-option', `search space '${key}' lists no values`, {
        field: `space.${key}`,
      });
    }
    out = out.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
  }
  return out;
}
