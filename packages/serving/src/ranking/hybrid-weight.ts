import type { OnProgress, RatingsStore } from '@reco/data';
import { rankingReport } from '@reco/eval';
import { createEngine } from '../engine';
import { ServingError } from '../errors';
import { resolveServingOptions, type ServingOptions } from '../options';
import type { RecommenderParts } from '../parts';
import { knownUserView } from '../user-view';
import { listRequest, packLists, rankingUsers } from './users';

/** Classifier weights the sweep tries by default, from pure CF (0) to pure classifier (1). */
export const HYBRID_WEIGHTS: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1];

export interface SweepHybridWeightOptions {
  /** Parts trained WITHOUT the held-out rows, as for `evaluateRanking`. */
  readonly parts: RecommenderParts;
  readonly ratings: RatingsStore;
  /** The rows the weight is chosen on: never the rows the chosen weight is then reported on. */
  readonly holdoutRows: Uint32Array;
  /** Default HYBRID_WEIGHTS. */
  readonly weights?: readonly number[];
  /** Default 10. */
  readonly k?: number;
  /** Default 2000. */
  readonly maxUsers?: number;
  /** Default 1. */
  readonly seed?: number;
  /** Retrieval settings (their `hybridWeight` is ignored: the sweep sets it). */
  readonly serving?: ServingOptions;
  readonly onProgress?: OnProgress;
}

/** NDCG@k of the two-stage hybrid at each weight, and the weight chosen. */
export interface HybridWeightSweep {
  readonly k: number;
  readonly users: number;
  readonly weights: readonly number[];
  readonly ndcg: readonly number[];
  /** The weight with the highest NDCG@k (the smallest one on a tie). */
  readonly chosen: number;
}

/**
 * Chooses the hybrid's classifier weight by NDCG@k of the two-stage hybrid on `holdoutRows`. Each
 * user's candidates are retrieved and scored once; every weight only re-ranks them. Pick the
 * weight on a holdout of its own: `reco train` sweeps on an inner holdout carved from the
 * ranking training rows, then reports the chosen weight on the outer holdout.
 */
export function sweepHybridWeight(options: SweepHybridWeightOptions): HybridWeightSweep {
  const { parts, ratings, holdoutRows, k = 10, maxUsers = 2000, seed = 1, onProgress } = options;
  const weights = options.weights ?? HYBRID_WEIGHTS;
  const where = 'sweepHybridWeight';
  if (weights.length === 0 || !weights.every((w) => w >= 0 && w <= 1)) {
    throw new ServingError(
      'invalid-input',
      `${where}: weights must be a non-empty list of numbers in [0, 1]`,
    );
  }
  if (!(Number.isInteger(k) && k >= 1))
    throw new ServingError('invalid-input', `${where}: k must be a whole number >= 1 (got ${k})`);
  const engine = createEngine(parts, resolveServingOptions(parts, options.serving ?? {}));
  const { users, relevant } = rankingUsers(where, parts, ratings, holdoutRows, { maxUsers, seed });

  const slots = weights.map(() => new Uint32Array(users.length * k));
  const lengths = weights.map(() => new Uint32Array(users.length));
  const request = listRequest(k, 'hybrid', false);
  const variants = weights.map((weight) => ({ strategy: 'hybrid', weight }) as const);
  for (let i = 0; i < users.length; i++) {
    const lists = engine.rankVariants(knownUserView(parts, users[i]!), request, variants);
    lists.forEach((list, w) => {
      slots[w]!.set(list, i * k);
      lengths[w]![i] = list.length;
    });
    if (onProgress !== undefined && (i % 50 === 49 || i === users.length - 1)) {
      onProgress({ stage: 'hybrid weight sweep', done: i + 1, total: users.length, unit: 'users' });
    }
  }
  const ndcg = weights.map(
    (_, w) =>
      rankingReport(packLists(slots[w]!, lengths[w]!, k), relevant, { k, catalogSize: engine.nMovies }).ndcg,
  );
  let best = 0;
  for (let w = 1; w < weights.length; w++) {
    if (ndcg[w]! > ndcg[best]! || (ndcg[w] === ndcg[best] && weights[w]! < weights[best]!)) best = w;
  }
  return { k, users: users.length, weights: [...weights], ndcg, chosen: weights[best]! };
}
