import { alsItemScores, mfItemScores } from '@reco/cf-svd';
import type { OnProgress, RatingsStore } from '@reco/data';
import { type RankingRow, rankingReport, relevanceFromRatings, toRankingRow } from '@reco/eval';
import { RecommenderError } from '../errors';
import type { RecommenderParts } from '../parts';
import { createEngine, type ServingEngine } from '../serving/engine';
import {
  type ResolvedRecommendOptions,
  resolveServingOptions,
  type ServingOptions,
} from '../serving/options';
import { topKMovies } from '../serving/top-k';
import { knownUserView, type UserView } from '../serving/user-view';
import type { ScoringStrategy } from '../types';

/** The ranked lists compared: baselines straight from the models, and the served strategies. */
export type RankingStrategy =
  | 'popularity'
  | 'mf'
  | 'als'
  | 'classifier'
  | 'classifier-exhaustive'
  | 'hybrid'
  | 'hybrid-exhaustive';

export const RANKING_STRATEGIES: readonly RankingStrategy[] = [
  'popularity',
  'mf',
  'als',
  'classifier',
  'classifier-exhaustive',
  'hybrid',
  'hybrid-exhaustive',
];

export interface EvaluateRankingOptions {
  /** Parts trained WITHOUT the held-out rows (their `ratings` are what each user already rated). */
  readonly parts: RecommenderParts;
  /** The store the held-out rows index into (same dense user and movie indices as the parts). */
  readonly ratings: RatingsStore;
  /** Held-out rows, e.g. `rankingHoldout(store).holdout` (each user's latest 20%). */
  readonly holdoutRows: Uint32Array;
  /** List length and metric cutoff. Default 10. */
  readonly k?: number;
  /** Evaluate at most this many users, a seeded sample of those with a liked held-out movie. Default 2000. */
  readonly maxUsers?: number;
  /** Seeds the user sample. Default 1. */
  readonly seed?: number;
  /** Which lists to compare. Default all (ALS only when the parts have it). */
  readonly strategies?: readonly RankingStrategy[];
  /** Serving settings (retrieval sizes, minimum rating count, hybrid weight) used by every strategy. */
  readonly serving?: ServingOptions;
  readonly onProgress?: OnProgress;
}

/** One strategy's metrics: `@reco/eval`'s ranking row plus the retrieval mode and speed. */
export interface RankingResult extends RankingRow {
  readonly strategy: RankingStrategy;
  /** 'two-stage' (retrieval + ranking), 'exhaustive' (whole catalogue) or 'full' (a model's own scores). */
  readonly mode: 'two-stage' | 'exhaustive' | 'full';
  /** Mean wall time to produce one user's list, in milliseconds. */
  readonly msPerUser: number;
}

export interface RankingEvaluation {
  readonly k: number;
  readonly likeThreshold: number;
  /** Held-out rows, and how many of them are likes (the relevant items). */
  readonly holdoutRows: number;
  readonly relevantRows: number;
  /** Users evaluated (a liked held-out movie and at least one training rating), after sampling. */
  readonly users: number;
  readonly eligibleUsers: number;
  readonly results: readonly RankingResult[];
  /** The strategy with the highest NDCG@k, and its NDCG relative to popularity's (0.3 = +30%). */
  readonly best: {
    readonly strategy: RankingStrategy;
    readonly ndcg: number;
    readonly liftOverPopularity: number | null;
  };
}

/**
 * Ranking quality of every strategy on a per-user holdout, side by side. For each evaluated user
 * each strategy produces a top-k list of movies the user did not rate in training (same filters
 * for all: the serving minimum rating count), and the metrics of `@reco/eval` compare it with the
 * user's held-out likes (rating >= like threshold): NDCG@k (binary gains), recall@k, MAP@k and
 * catalogue coverage. 'popularity', 'mf' and 'als' rank the eligible catalogue by the model's own
 * score; 'classifier' and 'hybrid' run the serving code, two-stage and exhaustive.
 */
export function evaluateRanking(options: EvaluateRankingOptions): RankingEvaluation {
  const { parts, ratings, holdoutRows, k = 10, maxUsers = 2000, seed = 1, onProgress } = options;
  const where = 'evaluateRanking';
  if (!(Number.isInteger(k) && k >= 1))
    throw new RecommenderError('invalid-input', `${where}: k must be a whole number >= 1 (got ${k})`);
  if (!(Number.isInteger(maxUsers) && maxUsers >= 1)) {
    throw new RecommenderError(
      'invalid-input',
      `${where}: maxUsers must be a whole number >= 1 (got ${maxUsers})`,
    );
  }
  const strategies = (options.strategies ?? RANKING_STRATEGIES).filter(
    (s) => s !== 'als' || parts.als != null,
  );
  if (options.strategies?.includes('als') && parts.als == null) {
    throw new RecommenderError('invalid-input', `${where}: strategy 'als' needs an ALS model in the parts`);
  }
  const engine = createEngine(parts, resolveServingOptions(parts, options.serving ?? {}));
  const nUsers = parts.users.size;
  if (ratings.userOffsets.length !== nUsers + 1) {
    throw new RecommenderError(
      'invalid-input',
      `${where}: the store has ${ratings.userOffsets.length - 1} users, the parts ${nUsers}`,
    );
  }

  const relevance = relevanceFromRatings({
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    users: nUsers,
    rows: holdoutRows,
    likeThreshold: parts.likeThreshold,
  });
  const trainOffsets = parts.ratings.userOffsets;
  const candidates: number[] = [];
  for (let u = 0; u < nUsers; u++) {
    if (relevance.offsets[u + 1]! > relevance.offsets[u]! && trainOffsets[u + 1]! > trainOffsets[u]!)
      candidates.push(u);
  }
  if (candidates.length === 0) {
    throw new RecommenderError(
      'invalid-input',
      `${where}: no user has both training ratings and a liked held-out movie`,
    );
  }
  const users = sampleUsers(candidates, maxUsers, seed);

  // Relevance re-indexed to the evaluated users, so unevaluated users neither count nor skip.
  const relOffsets = new Uint32Array(users.length + 1);
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    relOffsets[i + 1] = relOffsets[i]! + relevance.offsets[u + 1]! - relevance.offsets[u]!;
  }
  const relItems = new Uint32Array(relOffsets[users.length]!);
  for (let i = 0; i < users.length; i++) {
    const u = users[i]!;
    relItems.set(relevance.items.subarray(relevance.offsets[u]!, relevance.offsets[u + 1]!), relOffsets[i]!);
  }
  const relevantSets = { offsets: relOffsets, items: relItems };

  const lists = new Map(strategies.map((s) => [s, new Uint32Array(users.length * k)]));
  const lengths = new Map(strategies.map((s) => [s, new Uint32Array(users.length)]));
  const seconds = new Map(strategies.map((s) => [s, 0]));
  for (let i = 0; i < users.length; i++) {
    const view = knownUserView(parts, users[i]!);
    for (const strategy of strategies) {
      const started = performance.now();
      const top = rankFor(engine, view, strategy, k);
      seconds.set(strategy, seconds.get(strategy)! + (performance.now() - started) / 1000);
      lists.get(strategy)!.set(top, i * k);
      lengths.get(strategy)![i] = top.length;
    }
    if (onProgress !== undefined && (i % 50 === 49 || i === users.length - 1)) {
      onProgress({ stage: 'ranking evaluation', done: i + 1, total: users.length, unit: 'users' });
    }
  }

  const results = strategies.map((strategy): RankingResult => {
    const ranked = packLists(lists.get(strategy)!, lengths.get(strategy)!, k);
    const report = rankingReport(ranked, relevantSets, { k, catalogSize: engine.nMovies });
    const mode = strategy.endsWith('-exhaustive')
      ? 'exhaustive'
      : strategy === 'classifier' || strategy === 'hybrid'
        ? 'two-stage'
        : 'full';
    return {
      ...toRankingRow(report, { strategy }),
      strategy,
      mode,
      msPerUser: (seconds.get(strategy)! * 1000) / users.length,
    };
  });
  let best = results[0]!;
  for (const result of results) if (result.ndcg > best.ndcg) best = result;
  const popularity = results.find((r) => r.strategy === 'popularity');
  return {
    k,
    likeThreshold: parts.likeThreshold,
    holdoutRows: holdoutRows.length,
    relevantRows: relevance.items.length,
    users: users.length,
    eligibleUsers: candidates.length,
    results,
    best: {
      strategy: best.strategy,
      ndcg: best.ndcg,
      liftOverPopularity:
        popularity === undefined || popularity.ndcg === 0 ? null : best.ndcg / popularity.ndcg - 1,
    },
  };
}

function rankFor(engine: ServingEngine, view: UserView, strategy: RankingStrategy, k: number): Uint32Array {
  const { parts } = engine;
  const served = (s: ScoringStrategy, exhaustive: boolean): ResolvedRecommendOptions => ({
    n: k,
    genreMask: 0,
    minYear: null,
    maxYear: null,
    excludeRated: true,
    strategy: s,
    exhaustive,
  });
  switch (strategy) {
    case 'popularity':
      return engine.popularFallback(engine.eligibility(view, served('cf', true)), k).movies;
    case 'mf':
      return topKMovies(mfItemScores(parts.mf, view.mf), engine.eligibility(view, served('cf', true)), k)
        .movies;
    case 'als':
      return topKMovies(alsItemScores(parts.als!, view.als!), engine.eligibility(view, served('cf', true)), k)
        .movies;
    case 'classifier':
      return engine.rank(view, served('classifier', false)).movies;
    case 'classifier-exhaustive':
      return engine.rank(view, served('classifier', true)).movies;
    case 'hybrid':
      return engine.rank(view, served('hybrid', false)).movies;
    case 'hybrid-exhaustive':
      return engine.rank(view, served('hybrid', true)).movies;
  }
}

/** Fixed-stride lists (k slots per user, `lengths` used) into the CSR form `@reco/eval` reads. */
function packLists(slots: Uint32Array, lengths: Uint32Array, k: number) {
  const offsets = new Uint32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
  const items = new Uint32Array(offsets[lengths.length]!);
  for (let i = 0; i < lengths.length; i++) items.set(slots.subarray(i * k, i * k + lengths[i]!), offsets[i]!);
  return { offsets, items };
}

/** All users when they fit, else a seeded sample (partial Fisher-Yates, mulberry32), sorted. */
function sampleUsers(users: number[], maxUsers: number, seed: number): Uint32Array {
  if (users.length <= maxUsers) return Uint32Array.from(users);
  const pool = Uint32Array.from(users);
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = 0; i < maxUsers; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    const swap = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = swap;
  }
  return pool.subarray(0, maxUsers).sort();
}
