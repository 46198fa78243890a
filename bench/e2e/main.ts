// `pnpm bench:e2e`: the whole default `reco train` against the Python reference, on the same files.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { type E2eOptions, parseArgs, USAGE, UsageError } from './args';
import { type ComparedStage, compareRuns, scalingTable } from './compare';
import { type BenchDataset, ensureDataset } from './dataset';
import { CLI, pythonStatus, REPO_ROOT } from './paths';
import { type PythonRun, runPython } from './python';
import { type RecoRun, runReco } from './reco';
import { comparisonTable, markdownTable, recoStages, scalingReport } from './report';

export interface E2eResult {
  readonly version: 1;
  readonly date: string;
  readonly machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  /** 1-minute load average, sampled every 5 s while the children ran (the machine may be shared). */
  readonly loadAverage: { start: number; min: number; mean: number; max: number; samples: number };
  readonly dataset: BenchDataset;
  readonly reco: RecoRun;
  readonly python: PythonRun | null;
  readonly pythonMissing: string | null;
  /** True when reco and the reference ran at the same time (--parallel): compare CPU, not wall. */
  readonly concurrent: boolean;
  readonly comparison: readonly ComparedStage[];
}

const RESULTS = join(REPO_ROOT, 'bench-results');
const resultPath = (ratings: number) => join(RESULTS, `e2e-${ratings}.json`);

function sampleLoad() {
  const samples: number[] = [loadavg()[0]!];
  const timer = setInterval(() => samples.push(loadavg()[0]!), 5000);
  return () => {
    clearInterval(timer);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const r = (v: number) => Math.round(v * 100) / 100;
    return {
      start: r(samples[0]!),
      min: r(Math.min(...samples)),
      mean: r(mean),
      max: r(Math.max(...samples)),
      samples: samples.length,
    };
  };
}

async function runSize(ratings: number, o: E2eOptions): Promise<E2eResult> {
  const dataset = ensureDataset(ratings, o.seed);
  console.log(
    `dataset ${dataset.dir}: ${dataset.ratings} ratings, ${dataset.users} users, ${dataset.movies} movies (${dataset.reused ? 'reused' : `generated in ${dataset.seconds.toFixed(1)} s`})`,
  );
  const workDir = mkdtempSync(join(REPO_ROOT, '.bench-data', `e2e-${ratings}-`));
  const stopLoad = sampleLoad();
  // Ctrl-C reaches the children through the terminal's process group; this removes the run folder.
  const interrupted = () => {
    if (!o.keep) rmSync(workDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    const cpuProfDir = o.cpuProf === null ? null : join(o.cpuProf, String(ratings));
    const status = o.python ? pythonStatus() : { ok: false as const, reason: 'skipped (--no-python)' };
    const startPython = () => {
      if (!status.ok) return Promise.resolve(null);
      console.log(`Python reference ${status.script} (honest, sample ${o.trainSample}) ...`);
      return runPython({ script: status.script, dataDir: dataset.dir, workDir, sample: o.trainSample });
    };
    if (!status.ok)
      console.log(`Python reference not run: ${status.reason}. reco's own figures stand alone.`);
    // In parallel both start now; otherwise the reference waits, so neither steals the other's cores.
    const pythonRun = o.parallel ? startPython() : null;
    pythonRun?.catch(() => {});
    console.log(
      `reco train (default pipeline, --tune none)${o.parallel ? ', beside the reference' : ''} ...`,
    );
    const reco = await runReco({ dataDir: dataset.dir, workDir, trainSample: o.trainSample, cpuProfDir });
    console.log(recoStages(reco));
    const python = await (pythonRun ?? startPython());
    const result: E2eResult = {
      version: 1,
      date: new Date().toISOString(),
      machine: machine(),
      loadAverage: stopLoad(),
      dataset,
      reco,
      python,
      pythonMissing: status.ok ? null : status.reason,
      concurrent: o.parallel && python !== null,
      comparison: compareRuns(reco, python),
    };
    writeAtomically(resultPath(ratings), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    process.off('SIGINT', interrupted);
    stopLoad();
    if (o.keep) console.log(`kept ${workDir} (bundle, logs, python.json)`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

function machine(): E2eResult['machine'] {
  const c = cpus();
  return {
    cpus: c.length,
    cpuModel: c[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Beside the destination, then renamed: a crash never leaves half a results file. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(RESULTS, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function printResult(r: E2eResult): void {
  const l = r.loadAverage;
  console.log(
    `\n${r.dataset.ratings.toLocaleString('en-US')} ratings, ${r.date}, load average ${l.min}-${l.max} (mean ${l.mean})`,
  );
  if (r.concurrent)
    console.log('reco and the reference ran at the same time (--parallel): compare CPU seconds');
  console.log(comparisonTable(r.comparison));
  const py = r.python;
  if (py) {
    const ratio = py.totalSeconds / r.reco.totalSeconds;
    console.log(
      `total: reco ${r.reco.totalSeconds.toFixed(1)} s, Python ${py.totalSeconds.toFixed(1)} s: ratio ${ratio.toFixed(2)} (>= 2.0 is the target)`,
    );
    console.log(
      `peak RSS: reco ${(r.reco.peakRssBytes / 2 ** 30).toFixed(2)} GiB, Python ${(py.peakRssBytes / 2 ** 30).toFixed(2)} GiB`,
    );
  } else console.log(`Python reference: ${r.pythonMissing}`);
  console.log(
    `reco-only stages: ${['cf feature', 'ranking', 'top10', 'write'].map((n) => `${n} ${r.reco.stages[n]?.wall.toFixed(1) ?? '-'} s`).join(', ')}`,
  );
  console.log(`written: ${resultPath(r.dataset.ratings)}`);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o === 'help') return void console.log(USAGE);
  try {
    readFileSync(CLI);
  } catch {
    throw new UsageError(`${CLI} is missing: run pnpm build first`);
  }
  const results: E2eResult[] = [];
  for (const n of o.sizes) {
    const r = o.fromResults
      ? (JSON.parse(readFileSync(resultPath(n), 'utf8')) as E2eResult)
      : await runSize(n, o);
    printResult(r);
    results.push(r);
  }
  if (o.markdown) {
    const input = results.map((r) => ({
      ratings: r.dataset.ratings,
      comparison: r.comparison,
      reco: r.reco,
      pythonPeakRssBytes: r.python?.peakRssBytes ?? null,
    }));
    console.log(`\n${markdownTable(input)}`);
  }
  if (results.length > 1) {
    const runs = results.map((r) => ({
      ratings: r.dataset.ratings,
      stages: Object.fromEntries(Object.entries(r.reco.stages).map(([k, v]) => [k, v.wall])),
    }));
    runs.forEach((run, i) => {
      run.stages.total = results[i]!.reco.totalSeconds;
    });
    const rows = scalingTable(runs);
    console.log(`\nscaling (reco, wall seconds)\n${scalingReport(o.sizes, rows)}`);
    writeAtomically(
      join(RESULTS, 'e2e-scaling.json'),
      `${JSON.stringify({ sizes: o.sizes, rows }, null, 2)}\n`,
    );
  }
}

main().catch((e: unknown) => {
  const usage = e instanceof UsageError;
  console.error(usage ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(usage ? 2 : 1);
});
