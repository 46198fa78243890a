/**
 * The ranking comparison of issue 14 on real data: per-user temporal holdout (each user's latest
 * 20% held out), full ranking over the catalogue with every training-rated item excluded, a held-out
 * item relevant when rated >= 3.5. Each model's hyper-parameters are tuned on an inner holdout
 * carved the same way from the training rows; the table reports the outer holdout only.
 *   pnpm --filter @reco/retrieval bench                     (datasets/ml-latest-small)
 *   RECO_BENCH_DATA=/tmp/synth-1m pnpm --filter @reco/retrieval bench
 * RECO_BENCH_MODES=liked,all picks the interaction rules, RECO_BENCH_MODELS the models (default all),
 * RECO_BENCH_EASE_ITEMS the EASE cap.
 * Writes bench-results/retrieval-<dataset>.json.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMovieLens } from '@reco/data';
import {
  EASE_DEFAULT_MAX_ITEMS,
  evaluateRetriever,
  evaluationSetup,
  fitRetriever,
  type RatingColumns,
  type RetrievalMetrics,
  type RetrieverKind,
  type SearchSpace,
  temporalHoldout,
  tuneRetriever,
} from '../src/index';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const dataDir = process.env.RECO_BENCH_DATA ?? join(root, 'datasets', 'ml-latest-small');
const modes = (process.env.RECO_BENCH_MODES ?? 'liked,all').split(',');
const models = (process.env.RECO_BENCH_MODELS ?? 'popularity,ease,item-knn,rp3beta,als').split(',');
const easeItems = Number(process.env.RECO_BENCH_EASE_ITEMS ?? EASE_DEFAULT_MAX_ITEMS);
const SEED = 42;

/** Small grids: the machine is shared, and these bracket the values the literature reports. */
const spaces: { [K in RetrieverKind]: SearchSpace<K> } = {
  popularity: {},
  ease: { lambda: [50, 200, 800], maxItems: [Math.min(1000, easeItems)] },
  'item-knn': { k: [50, 200], shrink: [0, 20] },
  rp3beta: { alpha: [0.6, 1], beta: [0.3, 0.6], k: [100] },
  als: { factors: [64], regularization: [5, 50], alpha: [1, 5], iterations: [15] },
};

interface Row extends RetrievalMetrics {
  readonly model: string;
  readonly mode: string;
  readonly params: Record<string, unknown>;
  readonly innerNdcg: number | null;
  readonly tuneSeconds: number;
  readonly fitSeconds: number;
}

async function main(): Promise<void> {
  const loadStarted = performance.now();
  const dataset = await loadMovieLens(dataDir);
  const { ratings } = dataset;
  const columns: RatingColumns = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: dataset.users.size,
    nItems: dataset.movies.ids.size,
  };
  console.log(
    `${basename(dataDir)}: ${ratings.length} ratings, ${columns.nUsers} users, ${columns.nItems} items (loaded in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s)`,
  );
  const outer = temporalHoldout({
    user: ratings.user,
    timestamp: ratings.timestamp,
    nUsers: columns.nUsers,
    fraction: 0.2,
    seed: SEED,
  });
  const rows: Row[] = [];
  for (const mode of modes) {
    const likeThreshold = mode === 'liked' ? 3.5 : null;
    const setup = evaluationSetup({
      ratings: columns,
      train: outer.train,
      holdout: outer.holdout,
      likeThreshold,
    });
    for (const kind of (Object.keys(spaces) as RetrieverKind[]).filter((k) => models.includes(k))) {
      const row = await runModel(kind, mode, likeThreshold, columns, ratings.timestamp, outer.train, setup);
      rows.push(row);
      console.log(formatRow(row));
    }
  }
  report(rows, columns);
}

async function runModel(
  kind: RetrieverKind,
  mode: string,
  likeThreshold: number | null,
  columns: RatingColumns,
  timestamp: ArrayLike<number>,
  train: Uint32Array,
  setup: ReturnType<typeof evaluationSetup>,
): Promise<Row> {
  const tuneStarted = performance.now();
  const tuned =
    kind === 'popularity'
      ? null
      : await tuneRetriever(kind, spaces[kind] as never, {
          train: { ...columns, rows: train, timestamp },
          seed: SEED,
          likeThreshold,
        });
  const tuneSeconds = (performance.now() - tuneStarted) / 1000;
  const params: Record<string, unknown> = { ...(tuned?.best ?? {}) };
  // EASE is tuned at a smaller cap (its fit is cubic in the cap), then fitted at the full one.
  if (kind === 'ease') params.maxItems = easeItems;
  const fitStarted = performance.now();
  const model = await fitRetriever(kind, params as never, {
    matrix: setup.profile,
    ratings: columns,
    rows: train,
    seed: SEED,
  });
  const fitSeconds = (performance.now() - fitStarted) / 1000;
  const metrics = evaluateRetriever(model, setup);
  return {
    model: kind,
    mode,
    params,
    innerNdcg: tuned?.bestNdcg ?? null,
    tuneSeconds,
    fitSeconds,
    ...metrics,
  };
}

function formatRow(row: Row): string {
  const f = (x: number): string => x.toFixed(4);
  return `${row.mode.padEnd(6)} ${row.model.padEnd(10)} NDCG@10 ${f(row.ndcg10)}  R@20 ${f(row.recall20)}  MAP@10 ${f(row.map10)}  HR@10 ${f(row.hr10)}  cov ${f(row.coverage10)}  pop ${row.meanPopularity10.toFixed(1)}  ${row.msPerUser.toFixed(2)} ms/user  fit ${row.fitSeconds.toFixed(1)} s  tune ${row.tuneSeconds.toFixed(0)} s  ${JSON.stringify(row.params)}`;
}

function report(rows: readonly Row[], columns: RatingColumns): void {
  const popularity = rows.find((r) => r.model === 'popularity' && r.mode === rows[0]!.mode)!;
  const best = rows.reduce((a, b) => (b.ndcg10 > a.ndcg10 ? b : a));
  const ratio = best.ndcg10 / popularity.ndcg10;
  console.log(
    `best: ${best.model} (${best.mode}) NDCG@10 ${best.ndcg10.toFixed(4)} = ${ratio.toFixed(2)}x popularity (${popularity.ndcg10.toFixed(4)}); target 1.6x`,
  );
  const suffix = process.env.RECO_BENCH_TAG === undefined ? '' : `-${process.env.RECO_BENCH_TAG}`;
  const out = join(root, 'bench-results', `retrieval-${basename(dataDir)}${suffix}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const body = {
    dataset: basename(dataDir),
    users: columns.nUsers,
    items: columns.nItems,
    seed: SEED,
    easeItems,
    date: new Date().toISOString(),
    best: best.model,
    bestOverPopularity: ratio,
    rows,
  };
  writeFileSync(`${out}.tmp`, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
  console.log(`wrote ${out}`);
}

await main();
