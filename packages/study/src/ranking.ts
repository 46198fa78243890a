import type { Dataset } from '@reco/data';
import type { Classifier } from '@reco/models';
import {
  type EvaluationSetup,
  evaluateLists,
  evaluateRetriever,
  evaluationSetup,
  fitPopularity,
  type RatingColumns,
  type RetrievalMetrics,
  type Retriever,
  randomHoldout,
  restrictSetup,
  temporalHoldout,
} from '@reco/retrieval';
import type { HybridWeightSweep, ModelInfo } from '@reco/serving';
import { studyClassifier } from './ranking-classifier';
import { RANKED_RETRIEVERS, searchSpaces, studyRetriever, type TunedRetriever } from './ranking-retrievers';
import { RANKING_MAX_RATINGS, rankingUserSample } from './ranking-sample';
import { candidateLabels, candidateRows, fitReranker, itemStaleDays, rerankedLists } from './rerank';
import type { OnStudyProgress } from './stages';

/** Every strategy of the ranking table. */
export type StudyStrategy =
  | 'popularity'
  | 'ease'
  | 'item-knn'
  | 'rp3beta'
  | 'als'
  | 'classifier'
  | 'hybrid'
  | 'rerank';

/** Strategies a bundle can serve from stored retrieval models (besides the classifier and hybrid). */
export const SERVABLE_RETRIEVERS = ['popularity', 'ease', 'item-knn', 'rp3beta', 'als'] as const;

/** One row of the table: full ranking over the catalogue, every training-rated movie excluded. */
export interface StrategyRow {
  readonly strategy: StudyStrategy;
  readonly holdout: 'temporal' | 'random';
  readonly k: number;
  readonly ndcg: number;
  readonly recall20: number;
  readonly map: number;
  readonly hitRate: number;
  readonly coverage: number;
  /** Mean training interaction count of the top-10 movies (popularity bias). */
  readonly meanPopularity: number;
  readonly msPerUser: number;
  readonly evaluatedUsers: number;
  /** NDCG@10 on the inner holdout, what the served choice compares (null: not measured there). */
  readonly innerNdcg: number | null;
  readonly params: Record<string, unknown>;
}

export interface StudyRanking {
  readonly k: number;
  readonly likeThreshold: number;
  /** Users of the temporal table (a seeded sample of those with a liked held-out movie). */
  readonly users: number;
  /** Ratings of the user sample the comparison ran on (null: every rating). */
  readonly sampledRatings: number | null;
  readonly hybridWeight: number;
  readonly hybridWeightSweep: HybridWeightSweep | null;
  /** The temporal holdout (each user's latest 20%), every strategy. */
  readonly results: readonly StrategyRow[];
  /** A per-user random 20% holdout, for the strategies that need no pipeline refit. */
  readonly random: readonly StrategyRow[];
  /** The best temporal row, and its NDCG relative to popularity's (0.6 = +60%). */
  readonly best: {
    readonly strategy: StudyStrategy;
    readonly ndcg: number;
    readonly liftOverPopularity: number | null;
  };
  /** What the bundle serves by default and why (chosen on the inner holdout only). */
  readonly served: ServedChoice;
  readonly notes: readonly string[];
  readonly seconds: Readonly<Record<string, number>>;
}

export interface ServedChoice {
  readonly strategy: StudyStrategy;
  readonly innerNdcg: number;
  readonly popularityInnerNdcg: number;
  /** The tuned parameters of the served retriever (refitted on the serving rows). */
  readonly params: Record<string, unknown>;
  readonly reason: string;
}

export interface StudyRankingOptions {
  readonly dataset: Dataset;
  readonly seed: number;
  readonly likeThreshold: number;
  readonly cfFeature: boolean;
  readonly classifier: Classifier;
  readonly threshold: number;
  readonly trainSample: number | null;
  readonly als: boolean;
  readonly info: ModelInfo;
  readonly maxUsers: number;
  readonly easeMaxItems: number;
  /** Work on a seeded sample of whole users holding about this many ratings (see ranking-sample.ts). */
  readonly maxRatings?: number;
  readonly onProgress?: OnStudyProgress;
}

/** The three per-user holdouts of the ranking comparison and their evaluation setups. */
export interface RankingHoldouts {
  readonly sampledRatings: number | null;
  readonly columns: RatingColumns;
  readonly timestamp: Uint32Array;
  readonly temporal: { train: Uint32Array; holdout: Uint32Array };
  readonly inner: { train: Uint32Array; holdout: Uint32Array };
  readonly random: { train: Uint32Array; holdout: Uint32Array };
  readonly innerSetup: EvaluationSetup;
  readonly temporalSetup: EvaluationSetup;
  readonly randomSetup: EvaluationSetup;
}

/**
 * The ranking comparison of `reco train` (`metrics/ranking.{json,md}`). Three per-user holdouts:
 * the temporal outer one (each user's latest 20%, the reported table), an inner one carved the
 * same way from its training rows (every choice: hyper-parameters, the hybrid weight, the
 * re-ranker's training, the served strategy) and a random 20% (a second reported table). The
 * retrievers are cheap to refit per holdout; the classifier strategies refit once (see
 * ranking-classifier.ts).
 */
export async function evaluateStudyRanking(options: StudyRankingOptions): Promise<StudyRanking> {
  const seconds: Record<string, number> = {};
  const time = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const out = await run();
    seconds[name] = Math.round((performance.now() - started) / 10) / 100;
    return out;
  };
  const progress = (stage: string, done: number, total: number) =>
    options.onProgress?.({ stage: `ranking: ${stage}`, done, total, unit: 'steps' });
  const h = await time('holdouts', () => rankingHoldouts(options));
  const tuned: TunedRetriever[] = [];
  const spaces = searchSpaces(options.easeMaxItems);
  for (const [i, kind] of RANKED_RETRIEVERS.entries()) {
    progress(kind, i, RANKED_RETRIEVERS.length + 3);
    const input = {
      ...h,
      seed: options.seed,
      likeThreshold: options.likeThreshold,
      maxUsers: options.maxUsers,
    };
    tuned.push(await time(kind, () => studyRetriever(kind, spaces[kind] as never, input)));
  }
  progress('popularity', 4, 7);
  const popularity = {
    inner: evaluateRetriever(fitPopularity(h.innerSetup.profile), h.innerSetup),
    temporal: evaluateRetriever(fitPopularity(h.temporalSetup.profile), h.temporalSetup),
    random: evaluateRetriever(fitPopularity(h.randomSetup.profile), h.randomSetup),
  };
  progress('re-ranker', 5, 7);
  const rerank = await time('rerank', () => studyReranker(h, tuned, options.seed));
  progress('classifier', 6, 7);
  const classifier = await time('classifier', () =>
    studyClassifier({
      ...options,
      inner: h.inner,
      outerTrain: h.temporal.train,
      outerSetup: h.temporalSetup,
    }),
  );
  progress('done', 7, 7);
  const results: StrategyRow[] = [
    row('popularity', 'temporal', popularity.temporal, popularity.inner.ndcg10, {}),
    ...tuned.map((t) => row(t.kind as StudyStrategy, 'temporal', t.temporal, t.innerNdcg, t.params)),
    row('classifier', 'temporal', classifier.classifier, classifier.innerNdcg.classifier, {}),
    row('hybrid', 'temporal', classifier.hybrid, classifier.innerNdcg.hybrid, {
      weight: classifier.sweep.chosen,
    }),
    row('rerank', 'temporal', rerank.temporal, rerank.innerNdcg, { sources: rerank.sources }),
  ];
  const random: StrategyRow[] = [
    row('popularity', 'random', popularity.random, null, {}),
    ...tuned.map((t) => row(t.kind as StudyStrategy, 'random', t.random, null, t.params)),
    row('rerank', 'random', rerank.random, null, { sources: rerank.sources }),
  ];
  return {
    k: 10,
    likeThreshold: options.likeThreshold,
    users: h.temporalSetup.users.length,
    sampledRatings: h.sampledRatings,
    hybridWeight: classifier.sweep.chosen,
    hybridWeightSweep: classifier.sweep,
    results,
    random,
    best: bestRow(results),
    served: chooseServed(results),
    notes: tuned.flatMap((t) => (t.note === null ? [] : [noteOf(t)])),
    seconds,
  };
}

/** A retriever's note, naming the flag that lifts EASE's item cap. */
function noteOf(t: TunedRetriever): string {
  const flag =
    t.kind === 'ease' ? ' (raise the cap with `reco train --ease-max-items`, StudyConfig.easeMaxItems)' : '';
  return `${t.kind}: ${t.note}${flag}`;
}

/**
 * The holdouts every strategy is tuned (inner) and reported (temporal, random) on, from the
 * study's seed; exported so a benchmark can score other lists (an oracle's) on the same users.
 */
export function rankingHoldouts(
  options: Pick<StudyRankingOptions, 'dataset' | 'seed' | 'likeThreshold' | 'maxUsers' | 'maxRatings'>,
): RankingHoldouts {
  const { dataset, seed, likeThreshold, maxUsers } = options;
  const { ratings } = dataset;
  const columns: RatingColumns = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: dataset.users.size,
    nItems: dataset.movies.movies.length,
  };
  const sample = rankingUserSample(ratings.userOffsets, options.maxRatings ?? RANKING_MAX_RATINGS, seed + 3);
  const rows = sample === null ? {} : { rows: sample };
  const base = { user: ratings.user, timestamp: ratings.timestamp, nUsers: columns.nUsers, fraction: 0.2 };
  const temporal = temporalHoldout({ ...base, ...rows, seed });
  const inner = temporalHoldout({ ...base, rows: temporal.train, seed: seed + 1 });
  const random = randomHoldout({
    user: ratings.user,
    nUsers: columns.nUsers,
    fraction: 0.2,
    ...rows,
    seed: seed + 2,
  });
  const setup = (split: { train: Uint32Array; holdout: Uint32Array }) =>
    evaluationSetup({
      ratings: columns,
      ...split,
      likeThreshold,
      maxUsers,
      seed,
      relevantThreshold: likeThreshold,
    });
  return {
    sampledRatings: sample === null ? null : sample.length,
    columns,
    timestamp: ratings.timestamp,
    temporal,
    inner,
    random,
    innerSetup: setup(inner),
    temporalSetup: setup(temporal),
    randomSetup: setup(random),
  };
}

/**
 * The learning-to-rank re-ranker: candidates from the two best retrievers on the inner holdout plus
 * popular movies, features from their scores and ranks, popularity and recency, LambdaMART trained
 * on half of the inner users' held-out likes and scored on the other half (its inner NDCG).
 */
async function studyReranker(h: RankingHoldouts, tuned: readonly TunedRetriever[], seed: number) {
  const best = [...tuned].sort((a, b) => b.innerNdcg - a.innerNdcg).slice(0, 2);
  const sources = (models: readonly Retriever[], setup: EvaluationSetup, rows: Uint32Array) => ({
    models,
    profile: setup.profile,
    exclude: setup.exclude,
    popularity: setup.popularity,
    staleDays: itemStaleDays(h.columns.item, h.timestamp, rows, h.columns.nItems),
  });
  const innerSources = sources(
    best.map((t) => t.inner),
    h.innerSetup,
    h.inner.train,
  );
  const users = h.innerSetup.users;
  const fitUsers = users.filter((_, i) => i % 2 === 0);
  const scoreUsers = users.filter((_, i) => i % 2 === 1);
  const trainRows = candidateRows(innerSources, fitUsers);
  const ranker = fitReranker(trainRows, candidateLabels(trainRows, h.innerSetup.relevance), seed);
  try {
    const score = (src: ReturnType<typeof sources>, who: Uint32Array) => {
      const started = performance.now();
      const lists = rerankedLists(ranker, candidateRows(src, who), h.columns.nUsers, 20);
      return { lists, ms: performance.now() - started };
    };
    const inner = score(innerSources, scoreUsers);
    const temporal = score(
      sources(
        best.map((t) => t.outer),
        h.temporalSetup,
        h.temporal.train,
      ),
      h.temporalSetup.users,
    );
    const random = score(
      sources(
        best.map((t) => t.randomModel),
        h.randomSetup,
        h.random.train,
      ),
      h.randomSetup.users,
    );
    return {
      sources: best.map((t) => t.kind),
      innerNdcg: evaluateLists(inner.lists, restrictSetup(h.innerSetup, scoreUsers), inner.ms).ndcg10,
      temporal: evaluateLists(temporal.lists, h.temporalSetup, temporal.ms),
      random: evaluateLists(random.lists, h.randomSetup, random.ms),
    };
  } finally {
    ranker.dispose();
  }
}

function row(
  strategy: StudyStrategy,
  holdout: 'temporal' | 'random',
  m: RetrievalMetrics,
  innerNdcg: number | null,
  params: Record<string, unknown>,
): StrategyRow {
  return {
    strategy,
    holdout,
    k: 10,
    ndcg: m.ndcg10,
    recall20: m.recall20,
    map: m.map10,
    hitRate: m.hr10,
    coverage: m.coverage10,
    meanPopularity: m.meanPopularity10,
    msPerUser: m.msPerUser,
    evaluatedUsers: m.users,
    innerNdcg,
    params,
  };
}

function bestRow(rows: readonly StrategyRow[]): StudyRanking['best'] {
  const best = rows.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  const popularity = rows.find((r) => r.strategy === 'popularity');
  const lift = popularity === undefined || popularity.ndcg === 0 ? null : best.ndcg / popularity.ndcg - 1;
  return { strategy: best.strategy, ndcg: best.ndcg, liftOverPopularity: lift };
}

/**
 * The served default: the servable strategy with the best INNER NDCG@10 (the reported holdout
 * plays no part). One that does not beat popularity there is not served: popularity is.
 */
export function chooseServed(rows: readonly StrategyRow[]): ServedChoice {
  const servable = new Set<string>([...SERVABLE_RETRIEVERS, 'classifier', 'hybrid']);
  const popularity = rows.find((r) => r.strategy === 'popularity' && r.holdout === 'temporal');
  const base = popularity?.innerNdcg ?? 0;
  let best: StrategyRow | null = null;
  for (const r of rows) {
    if (r.holdout !== 'temporal' || !servable.has(r.strategy) || r.innerNdcg === null) continue;
    if (Number.isNaN(r.innerNdcg)) continue;
    if (best === null || r.innerNdcg > best.innerNdcg!) best = r;
  }
  if (best === null || best.innerNdcg! <= base) {
    return {
      strategy: 'popularity',
      innerNdcg: base,
      popularityInnerNdcg: base,
      params: {},
      reason: `no strategy beat popularity's inner NDCG@10 ${base.toFixed(4)}`,
    };
  }
  return {
    strategy: best.strategy,
    innerNdcg: best.innerNdcg!,
    popularityInnerNdcg: base,
    params: best.params,
    reason: `best inner NDCG@10 ${best.innerNdcg!.toFixed(4)} (${(best.innerNdcg! / Math.max(base, 1e-12)).toFixed(2)}x popularity's ${base.toFixed(4)})`,
  };
}
