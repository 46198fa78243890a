import { sampleSorted } from '@reco/core';
import { itemPopularity, type RelevanceSets, rankingReport, relevanceFromRatings } from '@reco/eval';
import { buildInteractions, type InteractionMatrix, type RatingColumns } from './interactions';
import type { Retriever } from './retriever';
import { recommendAll } from './top-n';

/** The ranking table's row for one model: full ranking over the catalogue, rated items excluded. */
export interface RetrievalMetrics {
  readonly ndcg10: number;
  readonly recall20: number;
  readonly map10: number;
  readonly hr10: number;
  /** Share of the catalogue in at least one evaluated user's top 10. */
  readonly coverage10: number;
  /** Mean training popularity (interaction count) of the top-10 items: popularity bias. */
  readonly meanPopularity10: number;
  /** Users with at least one relevant held-out item (the ones averaged). */
  readonly users: number;
  /** Wall milliseconds per evaluated user to score the catalogue and take the top 20. */
  readonly msPerUser: number;
}

/** The held-out truth and the training state every model of one comparison shares. */
export interface EvaluationSetup {
  /** The matrix models score users from (built with the models' interaction rule). */
  readonly profile: InteractionMatrix;
  /** Every training rating of each user, excluded from their lists. */
  readonly exclude: InteractionMatrix;
  readonly relevance: RelevanceSets;
  /** Training interactions per item, for popularity bias. */
  readonly popularity: Float64Array;
  /** Users with a relevant held-out item, ascending. */
  readonly users: Uint32Array;
}

export interface EvaluationSetupOptions {
  readonly ratings: RatingColumns;
  readonly train: Uint32Array;
  readonly holdout: Uint32Array;
  /** The models' interaction rule (null: every rating counts). */
  readonly likeThreshold: number | null;
  /** A held-out item is relevant when rated >= this. Default 3.5. */
  readonly relevantThreshold?: number;
  /** Evaluate at most this many users (a seeded sample of those with a relevant item). Default all. */
  readonly maxUsers?: number;
  /** Seeds the user sample. Default 1. */
  readonly seed?: number;
}

/** Builds the shared evaluation state from training and held-out rows. */
export function evaluationSetup(options: EvaluationSetupOptions): EvaluationSetup {
  const { ratings, train, holdout, likeThreshold, relevantThreshold = 3.5, maxUsers, seed = 1 } = options;
  const profile = buildInteractions({
    ...ratings,
    rows: train,
    ...(likeThreshold === null ? {} : { likeThreshold }),
  });
  const exclude = likeThreshold === null ? profile : buildInteractions({ ...ratings, rows: train });
  const relevance = relevanceFromRatings({
    user: ratings.user,
    item: ratings.item,
    rating: ratings.rating,
    users: ratings.nUsers,
    rows: holdout,
    likeThreshold: relevantThreshold,
  });
  const users: number[] = [];
  for (let u = 0; u < ratings.nUsers; u++)
    if (relevance.offsets[u + 1]! > relevance.offsets[u]!) users.push(u);
  const popularity = itemPopularity({ item: ratings.item, nItems: ratings.nItems, rows: train });
  const all = Uint32Array.from(users);
  if (maxUsers === undefined || maxUsers >= all.length) {
    return { profile, exclude, relevance, popularity, users: all };
  }
  const sampled = sampleSorted(all, maxUsers, seed);
  return { profile, exclude, relevance: keepUsers(relevance, sampled), popularity, users: sampled };
}

/** The setup narrowed to `users` (ascending, a subset of `setup.users`): their relevance only. */
export function restrictSetup(setup: EvaluationSetup, users: Uint32Array): EvaluationSetup {
  return { ...setup, users, relevance: keepUsers(setup.relevance, users) };
}

/** The relevance sets of `users` only (others emptied), so unsampled users neither count nor score 0. */
function keepUsers(relevance: RelevanceSets, users: Uint32Array): RelevanceSets {
  const nUsers = relevance.offsets.length - 1;
  const offsets = new Uint32Array(nUsers + 1);
  const items: number[] = [];
  let next = 0;
  for (let u = 0; u < nUsers; u++) {
    if (next < users.length && users[next] === u) {
      next++;
      for (let j = relevance.offsets[u]!; j < relevance.offsets[u + 1]!; j++) items.push(relevance.items[j]!);
    }
    offsets[u + 1] = items.length;
  }
  return { offsets, items: Uint32Array.from(items) };
}

/** NDCG@10, Recall@20, MAP@10, HR@10, coverage@10, popularity bias@10 and ms/user of one model. */
export function evaluateRetriever(model: Retriever, setup: EvaluationSetup): RetrievalMetrics {
  const started = performance.now();
  const lists = recommendAll({
    model,
    profile: setup.profile,
    exclude: setup.exclude,
    n: 20,
    users: setup.users,
  });
  return evaluateLists(lists, setup, performance.now() - started);
}

/**
 * The same metrics for lists from anywhere (a re-ranker, a served strategy): CSR by user index,
 * best first, at least 20 long where possible; `milliseconds` is the time that made them.
 */
export function evaluateLists(
  lists: { readonly offsets: Uint32Array; readonly items: Uint32Array },
  setup: EvaluationSetup,
  milliseconds: number,
): RetrievalMetrics {
  const catalogSize = setup.profile.nItems;
  const at10 = rankingReport(lists, setup.relevance, { k: 10, catalogSize, popularity: setup.popularity });
  const at20 = rankingReport(lists, setup.relevance, { k: 20 });
  return {
    ndcg10: at10.ndcg,
    recall20: at20.recall,
    map10: at10.map,
    hr10: at10.hitRate,
    coverage10: at10.coverage ?? 0,
    meanPopularity10: at10.meanPopularity ?? 0,
    users: at10.evaluatedUsers,
    msPerUser: milliseconds / Math.max(1, setup.users.length),
  };
}
