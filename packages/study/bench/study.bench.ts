/**
 * `pnpm bench`: the study's speed and quality.
 *
 * - small: `reco train` defaults on the bundled ml-latest-small (all models, grid + random tuning,
 *   CF comparison, top-10 lists). Targets: <= 60 s, best test ROC AUC >= 0.80.
 * - synth-20m: 20,000,263 generated ratings (ml-20m's size, seed 1: the repo's shared `.bench-data/synth-20m`),
 *   features on every row, models on a 2M-row training sample, evaluation on the full validation
 *   and test parts. Targets: <= 8 min, <= 8 GB peak RSS.
 *
 * `BENCH_ONLY=small` or `BENCH_ONLY=large` runs one of them and replaces only its entry in the
 * results file.
 *
 * Each study runs in a child process so its peak RSS is its own. Results go to
 * bench-results/study.json. CPU seconds are reported beside wall seconds: on a shared machine
 * wall time also measures the neighbours.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMovieLens } from '@reco/data';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, '..');
const repo = resolve(packageDir, '../..');

function runStudyProcess(name: string, config: Record<string, unknown>) {
  const out = mkdtempSync(join(tmpdir(), `reco-bench-${name.replace(/[^a-z0-9]+/gi, '-')}-`));
  process.stderr.write(`\n== ${name}: ${JSON.stringify(config)}\n`);
  const loadBefore = loadavg()[0];
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=@reco/source',
      '--import',
      'tsx',
      join(here, 'study-run.ts'),
      JSON.stringify({ ...config, out }),
    ],
    { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 },
  );
  rmSync(out, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`${name} failed with exit code ${child.status}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
  return { name, config, loadAverageBefore: loadBefore, loadAverageAfter: loadavg()[0], ...result };
}

const only = process.env.BENCH_ONLY;
const results: ReturnType<typeof runStudyProcess>[] = [];
if (only !== 'large') {
  results.push(runStudyProcess('ml-latest-small defaults', { data: join(repo, 'datasets/ml-latest-small') }));
}
if (only !== 'small') {
  process.stderr.write('\n== generating (or reusing) 20M synthetic ratings\n');
  const synth = await generateMovieLens({
    out: join(repo, '.bench-data/synth-20m'),
    ratings: 20_000_263,
    seed: 1,
  });
  results.push(
    runStudyProcess('synth-20m, 2M-row training sample', {
      data: synth.dir,
      trainSample: 2_000_000,
      // Baselines only, no CF comparison, ranking refit or per-user lists: the 8-minute budget
      // covers load, split, features on all rows, models on the sample and full validation/test
      // evaluation (plus the serving MF the bundle needs).
      tune: 'none',
      cf: 'off',
      als: false,
      ranking: false,
      top10: false,
    }),
  );
}

const file = join(packageDir, 'bench-results/study.json');
const kept = only === undefined || !existsSync(file) ? [] : JSON.parse(readFileSync(file, 'utf8')).results;
const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
  date: new Date().toISOString(),
  targets: { smallSeconds: 60, smallBestTestRocAuc: 0.8, largeSeconds: 480, largePeakRssBytes: 8e9 },
  results: [...kept.filter((r: { name: string }) => !results.some((n) => n.name === r.name)), ...results],
};
mkdirSync(join(packageDir, 'bench-results'), { recursive: true });
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
for (const r of results) {
  console.log(
    `${r.name}: ${r.seconds.toFixed(1)} s wall, peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB, ` +
      `best ${r.best.model} ${r.best.variant} test ROC AUC ${r.bestTestRocAuc.toFixed(4)}`,
  );
  for (const [stage, s] of Object.entries(r.timings as Record<string, number>)) {
    console.log(
      `  ${stage.padEnd(12)} ${s.toFixed(1).padStart(7)} s wall ${r.cpuTimings[stage].toFixed(1).padStart(7)} s cpu`,
    );
  }
}
