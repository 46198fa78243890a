import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildCost, runMeasured } from './measure';
import { PYTHON, REPO_ROOT } from './paths';
import type { StageCost } from './reco';

export interface PythonRun {
  readonly command: string;
  readonly stages: Record<string, StageCost>;
  readonly totalSeconds: number;
  readonly peakRssBytes: number;
  readonly outside: ChildCost;
  readonly quality: { readonly testRocAuc: Record<string, number> };
  readonly versions: Record<string, string>;
}

interface ReferenceResult {
  timings_s: Record<string, number>;
  cpu_s: Record<string, number>;
  total_s: number;
  peak_rss_mb: number;
  models: Record<string, { test?: { roc_auc: number } }>;
  versions: Record<string, string>;
}

/** The reference pipeline's JSON as stages, totals and test ROC AUC per model. */
export function summariseReference(r: ReferenceResult): Omit<PythonRun, 'command' | 'outside'> {
  const stages: Record<string, StageCost> = {};
  for (const [name, wall] of Object.entries(r.timings_s)) stages[name] = { wall, cpu: r.cpu_s[name] ?? null };
  const testRocAuc: Record<string, number> = {};
  for (const [m, res] of Object.entries(r.models)) if (res.test) testRocAuc[m] = res.test.roc_auc;
  return {
    stages,
    totalSeconds: r.total_s,
    peakRssBytes: r.peak_rss_mb * 2 ** 20,
    quality: { testRocAuc },
    versions: r.versions,
  };
}

/** `pipeline.py DIR --protocol honest --sample N` on the same files, after reco, never beside it. */
export async function runPython(opts: {
  script: string;
  dataDir: string;
  workDir: string;
  sample: number;
}): Promise<PythonRun> {
  const out = join(opts.workDir, 'python.json');
  const args = [opts.script, opts.dataDir, '--protocol', 'honest', '--sample', String(opts.sample)];
  args.push('--out', out);
  const outside = await runMeasured('python', PYTHON, args, { cwd: REPO_ROOT, dir: opts.workDir });
  if (outside.exitCode !== 0) {
    const tail = readFileSync(join(opts.workDir, 'python.stderr'), 'utf8').slice(-2000);
    throw new Error(`the Python reference exited with ${outside.exitCode}:\n${tail}`);
  }
  const result = JSON.parse(readFileSync(out, 'utf8')) as ReferenceResult;
  return { command: `${PYTHON} ${args.join(' ')}`, outside, ...summariseReference(result) };
}
