/**
 * Top-N quality of what `reco train` serves, against popularity, on the project's own data:
 * the bundled ml-latest-small and a synthetic ml-20m-shaped dataset (generated once into
 * .bench-data/, reused). Each runs the study up to its ranking stage with the default ranking
 * settings (every retriever tuned on the inner holdout, the re-ranker, the served choice); the
 * classifiers are trained untuned (`tune: 'none'`), which only affects the classifier and hybrid
 * rows. On synthetic data the generator's own latent truth ranks the same holdout: the ceiling.
 *
 *   pnpm --filter @reco/study bench:ranking [-- --synth 20000263] [--data <dir>] [--skip-small]
 *
 * Writes bench-results/ranking.json: per dataset the table, the served strategy, its NDCG@10
 * relative to popularity and to ALS, the oracle's, the stage seconds and whether each target holds.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TopKHeap } from '@reco/core';
import { createSynthOracle, generateMovieLens, loadMovieLens, type SynthManifest } from '@reco/data';
import { evaluateLists } from '@reco/retrieval';
import { rankingHoldouts, runStudy, type StudyRanking, studyRankingTerminalTable } from '../src/index';
import { writeResult } from './write-result';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const root = new URL('../../../', import.meta.url).pathname;
const synthRatings = Number(flag('--synth') ?? 1_000_000);
const seed = 42;

interface Target {
  readonly name: string;
  readonly value: number;
  readonly min: number;
  readonly met: boolean;
}

async function benchOne(label: string, dir: string, targets: (r: StudyRanking) => Target[]) {
  const started = performance.now();
  const out = join(root, '.bench-data', `ranking-${label}-out`);
  let stage = '';
  const prefix = await runStudy(
    { data: dir, out, tune: 'none', seed },
    {
      until: 'ranking',
      onProgress: (p) => {
        if (p.stage === stage) return;
        stage = p.stage;
        process.stderr.write(`${label}: ${stage}\n`);
      },
    },
  );
  const ranking = prefix.ranking.ranking!;
  console.log(`\n## ${label} (${dir})\n${studyRankingTerminalTable(ranking)}`);
  const ndcg = (s: string) => ranking.results.find((r) => r.strategy === s)?.ndcg ?? Number.NaN;
  const served = ndcg(ranking.served.strategy);
  return {
    label,
    dir,
    served: ranking.served,
    servedNdcg: served,
    popularityNdcg: ndcg('popularity'),
    alsNdcg: ndcg('als'),
    liftOverPopularity: served / ndcg('popularity'),
    targets: targets(ranking),
    rankingSeconds: prefix.timings.ranking,
    rankingStageSeconds: ranking.seconds,
    wallSeconds: (performance.now() - started) / 1000,
    ranking,
  };
}

const target = (name: string, value: number, min: number): Target => ({
  name,
  value,
  min,
  met: value >= min,
});
const ratio = (r: StudyRanking, a: string, b: string) =>
  r.results.find((x) => x.strategy === a)!.ndcg / r.results.find((x) => x.strategy === b)!.ndcg;

/** NDCG@10 of the generator's own ranking on the study's temporal holdout (same users, same exclusions). */
async function oracleNdcg(dir: string): Promise<number> {
  const manifest = JSON.parse(readFileSync(join(dir, 'synth.json'), 'utf8')) as SynthManifest;
  const dataset = await loadMovieLens(dir, { include: { genome: false } });
  const h = rankingHoldouts({ dataset, seed, likeThreshold: 3.5, maxUsers: 1000 });
  const oracle = createSynthOracle(manifest.params, 3.5);
  const dense = Int32Array.from(oracle.movieIds, (id) => dataset.movies.ids.indexOf(id));
  const setup = h.temporalSetup;
  const scores = new Float64Array(oracle.movieIds.length);
  const offsets = new Uint32Array(dataset.users.size + 1);
  const items: number[] = [];
  const heap = new TopKHeap(20);
  const started = performance.now();
  let next = 0;
  for (let u = 0; u < dataset.users.size; u++) {
    if (next < setup.users.length && setup.users[next] === u) {
      next++;
      const seen = new Set(
        setup.exclude.items.subarray(setup.exclude.offsets[u]!, setup.exclude.offsets[u + 1]!),
      );
      oracle.scoreUser(dataset.users.ids[u]!, scores);
      for (let m = 0; m < scores.length; m++) {
        const item = dense[m]!;
        if (item >= 0 && !seen.has(item) && scores[m]! > heap.threshold) heap.offer(item, scores[m]!);
      }
      for (const item of heap.drain().items) items.push(item);
    }
    offsets[u + 1] = items.length;
  }
  return evaluateLists({ offsets, items: Uint32Array.from(items) }, setup, performance.now() - started)
    .ndcg10;
}

const results = [];
if (!args.includes('--skip-small')) {
  const small = resolve(flag('--data') ?? join(root, 'datasets', 'ml-latest-small'));
  results.push(
    await benchOne('ml-latest-small', small, (r) => [
      target('served NDCG@10 / popularity', ratio(r, r.served.strategy, 'popularity'), 1.6),
      target('served NDCG@10 / ALS', ratio(r, r.served.strategy, 'als'), 1),
    ]),
  );
}
const synthDir = join(root, '.bench-data', `synth-${synthRatings}-seed7`);
const synth = await generateMovieLens({ out: synthDir, ratings: synthRatings, seed: 7 });
const synthResult = await benchOne(`synthetic-${synthRatings}`, synth.dir, (r) => [
  target('served NDCG@10 / popularity', ratio(r, r.served.strategy, 'popularity'), 1.25),
]);
const oracle = await oracleNdcg(synth.dir);
results.push({
  ...synthResult,
  oracleNdcg: oracle,
  oracleLiftOverPopularity: oracle / synthResult.popularityNdcg,
});
console.log(`\noracle (the generator's latent truth) NDCG@10 ${oracle.toFixed(4)}`);
for (const r of results)
  for (const t of r.targets)
    console.log(
      `${r.label}: ${t.name} ${t.value.toFixed(3)} (target >= ${t.min}) ${t.met ? 'met' : 'NOT met'}`,
    );
console.log(`wrote ${writeResult('ranking', { seed, results })}`);
