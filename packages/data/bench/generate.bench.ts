/**
 * Benchmark: write a synthetic ml-20m-sized dataset (20,000,263 ratings, all six files).
 *
 *   pnpm --filter @reco/data bench            (runs every bench/*.bench.ts)
 *   tsx bench/generate.bench.ts               (this one only)
 *
 * The dataset lives in <repo>/.bench-data/synth-20m and is reused when its parameters match, so
 * other benchmarks get it cheaply through `ensureSynth20m()`. This bench always reports a fresh
 * generation too (force), and writes its figures to bench-results/generate.json.
 * RECO_BENCH_RATINGS overrides the size (the folder name stays the same); RECO_BENCH_FRESH=0
 * skips the forced regeneration when the folder is already complete.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type GeneratedDataset, generateMovieLens } from '../src/generate';
import type { OnProgress } from '../src/types';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(packageDir, '../..');

/** Where the shared 20M-rating dataset lives, and the parameters that define it. */
export const SYNTH_20M_DIR = join(repoDir, '.bench-data', 'synth-20m');
export const SYNTH_20M = { ratings: Number(process.env.RECO_BENCH_RATINGS ?? 20_000_263), seed: 1 } as const;

/**
 * The shared synthetic ml-20m-sized dataset, generated on first use (about 20 s on 2 cores) and
 * reused afterwards. Other benchmarks call this instead of generating their own copy.
 */
export function ensureSynth20m(
  options: { force?: boolean; onProgress?: OnProgress } = {},
): Promise<GeneratedDataset> {
  return generateMovieLens({ out: SYNTH_20M_DIR, ...SYNTH_20M, ...options });
}

async function main(): Promise<void> {
  const onProgress = progressPrinter();
  // First call: reuses the folder when it is complete, otherwise generates it.
  const first = await ensureSynth20m({ onProgress });
  const skipFresh = process.env.RECO_BENCH_FRESH === '0';
  // A fresh generation for the timing (unless the first call just made one), then a reuse check.
  const fresh = first.reused && !skipFresh ? await ensureSynth20m({ force: true, onProgress }) : first;
  const reuse = await ensureSynth20m();

  const bytes = Object.values(fresh.files).reduce((sum, f) => sum + f.bytes, 0);
  // With RECO_BENCH_FRESH=0 and a complete folder nothing was generated: no throughput to report.
  const seconds = fresh.reused ? null : round(fresh.seconds, 2);
  const perSecond = (amount: number) => (fresh.reused ? null : amount / fresh.seconds);
  const result = {
    bench: 'generateMovieLens',
    dir: fresh.dir,
    params: fresh.params,
    freshGeneration: !fresh.reused,
    rows: fresh.files['ratings.csv'].rows,
    seconds,
    mbWritten: round(bytes / 1e6, 1),
    ratingsMb: round(fresh.files['ratings.csv'].bytes / 1e6, 1),
    mbPerSecond: nullableRound(perSecond(bytes / 1e6), 1),
    ratingsPerSecond: nullableRound(perSecond(fresh.files['ratings.csv'].rows), 0),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    reuseSeconds: round(reuse.seconds, 4),
    meanRating: round(fresh.ratings.mean, 4),
    files: fresh.files,
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    date: new Date().toISOString(),
  };
  const out = join(packageDir, 'bench-results', 'generate.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write('\n');
  console.log(JSON.stringify(result, null, 2));
  const timing =
    seconds === null ? 'reused (RECO_BENCH_FRESH=0)' : `in ${seconds} s (${result.mbPerSecond} MB/s)`;
  console.log(
    `generate: ${result.rows.toLocaleString('en')} ratings + 5 files, ${result.mbWritten} MB ${timing}, ` +
      `peak RSS ${result.peakRssMb} MB; reuse check ${result.reuseSeconds} s -> ${out}`,
  );
}

function progressPrinter(): OnProgress {
  let lastStage = '';
  let lastPercent = -1;
  return ({ stage, done, total }) => {
    const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
    if (stage === lastStage && percent < lastPercent + 10 && percent !== 100) return;
    lastStage = stage;
    lastPercent = percent;
    process.stderr.write(`${stage} ${percent}%  `);
  };
}

function nullableRound(value: number | null, digits: number): number | null {
  return value === null ? null : round(value, digits);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
