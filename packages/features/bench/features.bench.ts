/**
 * Feature pipeline benchmark on a generated MovieLens-shaped dataset (ml-20m's 20,000,263 ratings by default):
 * split, fit on every training row, then transform all rows in chunks. Targets: <= 20 s for those
 * three stages and <= 4 GB peak RSS on 2 cores.
 *
 *   pnpm --filter @reco/features bench
 *   RECO_BENCH_RATINGS=1000000 pnpm --filter @reco/features bench   # a quick run
 *
 * The dataset is generated once into <repo>/.bench-data/synth-20m, shared with the other packages'
 * benchmarks (the generator is idempotent), and loading it is timed separately: it is not part of
 * the target.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMovieLens, loadMovieLens } from '@reco/data';
import { fitFeaturePipeline, stratifiedSplit } from '../src/index';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
// The shared synthetic dataset of the repo's benchmarks: ml-20m's size (20,000,263 ratings), seed 1,
// in .bench-data/synth-20m (see @reco/data's bench/generate.bench.ts). Other sizes get their own folder.
const SHARED_RATINGS = 20_000_263;
const ratingsTarget = Number(process.env.RECO_BENCH_RATINGS ?? SHARED_RATINGS);
const chunkRows = Number(process.env.RECO_BENCH_CHUNK_ROWS ?? 65_536);
const seed = 42;
const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 100) / 100;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function label(n: number): string {
  return n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

async function main(): Promise<void> {
  const dir = join(
    repo,
    '.bench-data',
    ratingsTarget === SHARED_RATINGS ? 'synth-20m' : `synth-${label(ratingsTarget)}`,
  );
  let started = performance.now();
  const generated = await generateMovieLens({ out: dir, ratings: ratingsTarget, seed: 1 });
  const generateSeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const dataset = await loadMovieLens(dir);
  const loadSeconds = (performance.now() - started) / 1000;
  const { ratings } = dataset;
  const rssAfterLoad = process.memoryUsage().rss;
  const peakAfterLoad = peakRss();
  console.log(
    `dataset: ${ratings.length.toLocaleString()} ratings, ${dataset.users.size.toLocaleString()} users, ` +
      `${dataset.movies.movies.length.toLocaleString()} movies (${generated.reused ? 'reused' : 'generated'}; load ${loadSeconds.toFixed(1)} s)`,
  );

  // Wall and CPU seconds per stage: on a shared machine the CPU figure shows the work itself.
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  const cpuNow = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  const record = (name: string, wall0: number, cpu0: number) => {
    seconds[name] = (performance.now() - wall0) / 1000;
    cpuSeconds[name] = cpuNow() - cpu0;
    console.log(
      `${name.padEnd(10)} ${seconds[name]!.toFixed(2)} s wall, ${cpuSeconds[name]!.toFixed(2)} s cpu`,
    );
  };
  const time = <T>(name: string, work: () => T): T => {
    const [wall0, cpu0] = [performance.now(), cpuNow()];
    const result = work();
    record(name, wall0, cpu0);
    return result;
  };

  const split = time('split', () => stratifiedSplit(ratings, { seed }));
  const [wall0, cpu0] = [performance.now(), cpuNow()];
  const pipeline = await fitFeaturePipeline({ dataset, trainRows: split.train, seed });
  record('fit', wall0, cpu0);
  console.log(`           stages: ${JSON.stringify(pipeline.report?.seconds)}`);

  const allRows = new Uint32Array(ratings.length);
  for (let r = 0; r < allRows.length; r++) allRows[r] = r;
  // A checksum keeps the transform observable, so no stage can be skipped as dead code.
  const checksum = time('transform', () => {
    let sum = 0;
    for (const chunk of pipeline.transformRowsInChunks(allRows, { chunkRows })) {
      sum += chunk.data[chunk.data.length - 1]! + chunk.nRows;
    }
    return sum;
  });

  const total = seconds.split! + seconds.fit! + seconds.transform!;
  const totalCpu = cpuSeconds.split! + cpuSeconds.fit! + cpuSeconds.transform!;
  const result = {
    benchmark: 'features',
    date: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).availableParallelism(),
    dataset: {
      dir,
      ratings: ratings.length,
      users: dataset.users.size,
      movies: dataset.movies.movies.length,
      tags: dataset.tags?.length ?? 0,
      genomeMovies: dataset.genome?.movie.length ?? 0,
      trainRows: split.train.length,
      features: pipeline.nFeatures,
    },
    seconds: {
      generate: generateSeconds,
      load: loadSeconds,
      split: seconds.split,
      fit: seconds.fit,
      fitStages: pipeline.report?.seconds,
      transform: seconds.transform,
      splitFitTransform: total,
    },
    cpuSeconds: { ...cpuSeconds, splitFitTransform: totalCpu },
    loadAverage: (await import('node:os')).loadavg(),
    memory: {
      rssAfterLoadGiB: gib(rssAfterLoad),
      peakRssAfterLoadGiB: gib(peakAfterLoad),
      peakRssGiB: gib(peakRss()),
    },
    targets: { seconds: 20, peakRssGiB: 4, met: total <= 20 && peakRss() <= 4 * 2 ** 30 },
    chunkRows,
    checksum,
  };
  console.log(
    `split + fit + transform: ${total.toFixed(2)} s wall (${totalCpu.toFixed(2)} s cpu); peak RSS ${result.memory.peakRssGiB} GiB ` +
      `(after load ${result.memory.peakRssAfterLoadGiB} GiB); targets ${result.targets.met ? 'met' : 'NOT met'}`,
  );

  // Other sizes get their own file, so a quick run never overwrites the 20M figures.
  const name = ratingsTarget === SHARED_RATINGS ? 'features' : `features-${label(ratingsTarget)}`;
  const out = join(here, '..', 'bench-results', `${name}.json`);
  await mkdir(dirname(out), { recursive: true });
  const temp = `${out}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(result, null, 2)}\n`);
  await rename(temp, out);
  console.log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
