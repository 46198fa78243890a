/**
 * Benchmark: parse a 20M-rating ratings.csv (about 530 MB) with `loadMovieLens`, on 1 and on 2
 * worker threads, each in a fresh process, and report MB/s, seconds and peak RSS; then write the
 * Arrow IPC cache and time reloading it (target <= 1 s for the 20M ratings).
 *
 *   pnpm --filter @reco/data bench      (every bench/*.bench.ts, after a build)
 *   tsx bench/parse.bench.ts            (this one; needs dist/)
 *
 * The data is the shared synthetic ml-20m-sized dataset in <repo>/.bench-data/synth-20m, made
 * by `generateMovieLens` on first use. Targets (issue 2): >= 200 MB/s on one thread, aiming at
 * >= 400 MB/s on two, peak RSS <= 1.2 GB. Results go to bench-results/parse.json.
 *
 * Only movies.csv and ratings.csv are read (tags, genome and links are switched off), so the
 * figure is the ratings parse plus what every load does anyway: the catalog, dense user indices
 * and the sorted-order check.
 */
import { rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureSynth20m } from './generate.bench';
import { machine, round, runInChild, writeResults } from './measure';

const RUNS = Number(process.env.RECO_BENCH_RUNS ?? 2);

async function main(): Promise<void> {
  const synth = await ensureSynth20m();
  const dir = synth.dir;
  const bytes = statSync(join(dir, 'ratings.csv')).size;

  const measurements = [];
  for (const workers of [1, 2]) {
    // The best of a few runs: other work on a shared machine only ever slows a run down.
    let best: Awaited<ReturnType<typeof parseOnce>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const result = await parseOnce(dir, workers);
      if (best === undefined || result.seconds < best.seconds) best = result;
    }
    measurements.push({
      workers: best!.workers,
      rows: best!.rows,
      bytes,
      seconds: round(best!.seconds, 3),
      mbPerSecond: round(bytes / 1e6 / best!.seconds, 1),
      parseSeconds: round(best!.parseSeconds, 3),
      parseMbPerSecond: round(bytes / 1e6 / best!.parseSeconds, 1),
      // CPU time of all the process's threads: on a busy machine, wall time shows the wait for a core.
      cpuSeconds: round(best!.cpuSeconds, 3),
      peakRssMb: best!.peakRssMb,
    });
  }

  const cacheReload = await measureCache(dir);

  const result = {
    bench: 'parse ratings.csv',
    file: join(dir, 'ratings.csv'),
    rows: measurements[0]!.rows,
    bytes,
    runsEach: RUNS,
    oneWorker: measurements[0],
    twoWorkers: measurements[1],
    cacheReload,
    targets: {
      oneWorkerMbPerSecond: 200,
      twoWorkersMbPerSecond: 400,
      peakRssMb: 1200,
      cacheReloadSeconds: 1,
    },
    machine: machine(),
  };
  const out = await writeResults('parse', result);
  console.log(JSON.stringify(result, null, 2));
  for (const m of measurements) {
    console.log(
      `parse: ${m.rows.toLocaleString('en')} ratings, ${round(bytes / 1e6, 1)} MB on ${m.workers} thread(s): ` +
        `${m.seconds} s = ${m.mbPerSecond} MB/s (ratings file alone ${m.parseMbPerSecond} MB/s; ${m.cpuSeconds} s of CPU), ` +
        `peak RSS ${m.peakRssMb} MB`,
    );
  }
  const { ratingsOnly, everything } = cacheReload;
  console.log(
    `cache: reload of ${ratingsOnly.rows.toLocaleString('en')} ratings + movies in ${ratingsOnly.reloadSeconds} s ` +
      `(peak RSS ${ratingsOnly.reloadPeakRssMb} MB); with links, tags and genome ${everything.reloadSeconds} s`,
  );
  console.log(`-> ${out}`);
}

/**
 * Writes the cache once (a cold load) and reloads it in fresh processes, for ratings + movies
 * alone (the 1 s target) and for the whole dataset (links, tags, the 10k x 1k genome).
 */
async function measureCache(dir: string) {
  const cacheDir = join(dirname(dir), 'reco-cache-bench');
  rmSync(cacheDir, { recursive: true, force: true });
  const shapes = { ratingsOnly: '{ tags: false, genome: false, links: false }', everything: '{}' } as const;
  const out = {} as Record<keyof typeof shapes, Record<string, number>>;
  try {
    for (const [name, include] of Object.entries(shapes) as [keyof typeof shapes, string][]) {
      const write = await loadWithCache(dir, cacheDir, include);
      if (write.fromCache) throw new Error('the cache was expected to be cold');
      let best: typeof write | undefined;
      for (let run = 0; run < RUNS; run++) {
        const reload = await loadWithCache(dir, cacheDir, include);
        if (!reload.fromCache) throw new Error(`the cache was not used: ${reload.notes.join('; ')}`);
        if (best === undefined || reload.seconds < best.seconds) best = reload;
      }
      out[name] = {
        rows: write.rows,
        parseAndWriteSeconds: round(write.seconds, 3),
        parseAndWritePeakRssMb: write.peakRssMb,
        reloadSeconds: round(best!.seconds, 3),
        reloadPeakRssMb: best!.peakRssMb,
      };
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return out as Record<keyof typeof shapes, { rows: number; reloadSeconds: number; reloadPeakRssMb: number }>;
}

async function loadWithCache(dir: string, cacheDir: string, include: string) {
  const result = await runInChild(`
    const started = performance.now();
    const dataset = await data.loadMovieLens(${JSON.stringify(dir)}, {
      workers: 2,
      include: ${include},
      cache: { dir: ${JSON.stringify(cacheDir)} },
    });
    return {
      seconds: (performance.now() - started) / 1000,
      rows: dataset.ratings.length,
      fromCache: dataset.report.fromCache,
      notes: dataset.report.notes,
    };
  `);
  return result as typeof result & { rows: number; fromCache: boolean; notes: string[] };
}

/** One load in a fresh process; `parseSeconds` is the ratings stage alone, from progress events. */
async function parseOnce(dir: string, workers: number) {
  const result = await runInChild(`
    let ratingsStart = 0;
    let ratingsEnd = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const dataset = await data.loadMovieLens(${JSON.stringify(dir)}, {
      workers: ${workers},
      include: { tags: false, genome: false, links: false },
      onProgress: (p) => {
        if (p.stage === 'movies' && p.done === p.total) ratingsStart = performance.now();
        if (p.stage === 'index' && ratingsEnd === 0) ratingsEnd = performance.now();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      parseSeconds: (ratingsEnd - ratingsStart) / 1000,
      rows: dataset.ratings.length,
      workers: dataset.report.workers,
    };
  `);
  return result as typeof result & {
    parseSeconds: number;
    cpuSeconds: number;
    rows: number;
    workers: number;
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
