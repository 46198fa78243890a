import { alsItemScores, mfItemScores } from '@reco/cf-svd';
import type { OnProgress, RatingsStore } from '@reco/data';
import { type RankingRow, rankingReport, toRankingRow } from '@reco/eval';
import { createEngine, type RankVariant, type ServingEngine } from '../engine';
import { ServingError } from '../errors';
import { resolveServingOptions, type ServingOptions } from '../options';
import type { RecommenderParts } from '../parts';
import { topKMovies } from '../top-k';
import type { ScoringStrategy } from '../types';
import { knownUserView, type UserView } from '../user-view';
import type { HybridWeightSweep } from './hybrid-weight';
import { listRequest, packLists, rankingUsers } from './users';

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
  /** The classifier weight the hybrid strategies ran with. */
  readonly hybridWeight: number;
  /** How that weight was chosen, when a sweep on a separate holdout chose it (`reco train` does). */
  readonly hybridWeightSweep?: HybridWeightSweep;
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
  const { parts, ratings, holdoutRows, k = 10, maxUsers = 2000, seed = 1 } = options;
  const where = 'evaluateRanking';
  const strategies = checkedStrategies(where, options, k, maxUsers);
  const engine = createEngine(parts, resolveServingOptions(parts, options.serving ?? {}));
  const sample = rankingUsers(where, parts, ratings, holdoutRows, { maxUsers, seed });
  const ranked = rankEveryUser(engine, sample.users, strategies, k, options.onProgress);
  const results = strategies.map((strategy): RankingResult => {
    const lists = packLists(ranked.lists.get(strategy)!, ranked.lengths.get(strategy)!, k);
    const report = rankingReport(lists, sample.relevant, { k, catalogSize: engine.nMovies });
    return {
      ...toRankingRow(report, { strategy }),
      strategy,
      mode: modeOf(strategy),
      msPerUser: (ranked.seconds.get(strategy)! * 1000) / sample.users.length,
    };
  });
  return {
    k,
    likeThreshold: parts.likeThreshold,
    holdoutRows: holdoutRows.length,
    relevantRows: sample.relevantRows,
    users: sample.users.length,
    eligibleUsers: sample.eligibleUsers,
    hybridWeight: engine.options.hybridWeight,
    results,
    best: bestOf(results),
  };
}

/** The strategies to compare ('als' only with an ALS model), after checking k and maxUsers. */
function checkedStrategies(
  where: string,
  options: EvaluateRankingOptions,
  k: number,
  maxUsers: number,
): RankingStrategy[] {
  if (!(Number.isInteger(k) && k >= 1))
    throw new ServingError('invalid-input', `${where}: k must be a whole number >= 1 (got ${k})`);
  if (!(Number.isInteger(maxUsers) && maxUsers >= 1)) {
    throw new ServingError(
      'invalid-input',
      `${where}: maxUsers must be a whole number >= 1 (got ${maxUsers})`,
    );
  }
  const { parts } = options;
  if (options.strategies?.includes('als') && parts.als == null) {
    throw new ServingError('invalid-input', `${where}: strategy 'als' needs an ALS model in the parts`);
  }
  return (options.strategies ?? RANKING_STRATEGIES).filter((s) => s !== 'als' || parts.als != null);
}

/** Each user's top-k under every strategy, and the seconds each strategy took. */
function rankEveryUser(
  engine: ServingEngine,
  users: ArrayLike<number>,
  strategies: readonly RankingStrategy[],
  k: number,
  onProgress: EvaluateRankingOptions['onProgress'],
) {
  const lists = new Map(strategies.map((s) => [s, new Uint32Array(users.length * k)]));
  const lengths = new Map(strategies.map((s) => [s, new Uint32Array(users.length)]));
  const seconds = new Map(strategies.map((s) => [s, 0]));
  // The classifier and hybrid lists of one mode come from one shared scoring pass (engine.rankVariants);
  // each is charged that pass's time, what it would cost alone.
  const groups = passGroups(strategies);
  for (let i = 0; i < users.length; i++) {
    const view = knownUserView(engine.parts, users[i]!);
    for (const group of groups) {
      const started = performance.now();
      const tops = rankGroup(engine, view, group, k);
      const elapsed = (performance.now() - started) / 1000;
      group.forEach((strategy, g) => {
        seconds.set(strategy, seconds.get(strategy)! + elapsed);
        lists.get(strategy)!.set(tops[g]!, i * k);
        lengths.get(strategy)![i] = tops[g]!.length;
      });
    }
    if (onProgress !== undefined && (i % 50 === 49 || i === users.length - 1)) {
      onProgress({ stage: 'ranking evaluation', done: i + 1, total: users.length, unit: 'users' });
    }
  }
  return { lists, lengths, seconds };
}

function modeOf(strategy: RankingStrategy): RankingResult['mode'] {
  if (strategy.endsWith('-exhaustive')) return 'exhaustive';
  return strategy === 'classifier' || strategy === 'hybrid' ? 'two-stage' : 'full';
}

/** The highest NDCG (the first on a tie), and its lift over popularity's when that is listed. */
function bestOf(results: readonly RankingResult[]): RankingEvaluation['best'] {
  let best = results[0]!;
  for (const result of results) if (result.ndcg > best.ndcg) best = result;
  const popularity = results.find((r) => r.strategy === 'popularity');
  return {
    strategy: best.strategy,
    ndcg: best.ndcg,
    liftOverPopularity:
      popularity === undefined || popularity.ndcg === 0 ? null : best.ndcg / popularity.ndcg - 1,
  };
}

/** Strategies grouped by the pass that produces them: two-stage and exhaustive served ones share. */
function passGroups(strategies: readonly RankingStrategy[]): RankingStrategy[][] {
  const groups: RankingStrategy[][] = [];
  const shared = new Map<string, RankingStrategy[]>();
  for (const strategy of strategies) {
    const served = SERVED[strategy];
    if (served === undefined) {
      groups.push([strategy]);
      continue;
    }
    const key = String(served.exhaustive);
    if (!shared.has(key)) {
      shared.set(key, []);
      groups.push(shared.get(key)!);
    }
    shared.get(key)!.push(strategy);
  }
  return groups;
}

const SERVED: Partial<
  Record<RankingStrategy, { readonly strategy: ScoringStrategy; readonly exhaustive: boolean }>
> = {
  classifier: { strategy: 'classifier', exhaustive: false },
  hybrid: { strategy: 'hybrid', exhaustive: false },
  'classifier-exhaustive': { strategy: 'classifier', exhaustive: true },
  'hybrid-exhaustive': { strategy: 'hybrid', exhaustive: true },
};

/** One list per strategy of the group, from one pass. */
function rankGroup(
  engine: ServingEngine,
  view: UserView,
  group: readonly RankingStrategy[],
  k: number,
): Uint32Array[] {
  const { parts } = engine;
  const request = (s: ScoringStrategy, exhaustive: boolean) => listRequest(k, s, exhaustive);
  const first = group[0]!;
  const served = SERVED[first];
  if (served !== undefined) {
    const variants = group.map(
      (strategy): RankVariant =>
        SERVED[strategy]!.strategy === 'hybrid'
          ? { strategy: 'hybrid', weight: engine.options.hybridWeight }
          : { strategy: 'classifier' },
    );
    return engine.rankVariants(view, request('classifier', served.exhaustive), variants);
  }
  const eligible = engine.eligibility(view, request('cf', true));
  switch (first) {
    case 'popularity':
      return [engine.popularFallback(eligible, k).movies];
    case 'mf':
      return [topKMovies(mfItemScores(parts.mf, view.mf), eligible, k).movies];
    default:
      return [topKMovies(alsItemScores(parts.als!, view.als!), eligible, k).movies];
  }
}
