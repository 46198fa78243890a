import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildCost, runMeasured } from './measure';
import { CLI, REPO_ROOT } from './paths';

/** One stage of a run: wall and CPU seconds (CPU = user + system over all threads). */
export interface StageCost {
  readonly wall: number;
  readonly cpu: number | null;
}

export interface RecoRun {
  readonly command: string;
  /** Stages in the order they ran, as the CLI's `--json` summary reports them. */
  readonly stages: Record<string, StageCost>;
  readonly totalSeconds: number;
  readonly peakRssBytes: number;
  /** The same child measured from outside (wall, CPU, max RSS of the whole process). */
  readonly outside: ChildCost;
  /** Fit seconds of each baseline model (train stage, without its scoring). */
  readonly modelFitSeconds: Record<string, number>;
  readonly quality: {
    readonly best: string;
    readonly bestTestRocAuc: number | null;
    readonly cfFeatureUsed: boolean | null;
    readonly rankingNdcg: Record<string, number>;
  };
}

interface ComparisonRow {
  model: string;
  variant: string;
  split: string;
  rocAuc: number;
  fitSeconds?: number;
}
interface TrainSummary {
  best: { model: string; variant: string };
  comparison: ComparisonRow[];
  cf: { used?: boolean };
  ranking: { k: number; results?: { strategy: string; mode: string; ndcg: number }[] } | null;
  timings: Record<string, number>;
  cpuTimings: Record<string, number>;
  totalSeconds: number;
  peakRssBytes: number;
}

/** Reads what the benchmark keeps from `reco train --json`. */
export function summariseTrain(s: TrainSummary): Omit<RecoRun, 'command' | 'outside'> {
  const stages: Record<string, StageCost> = {};
  for (const [name, wall] of Object.entries(s.timings))
    stages[name] = { wall, cpu: s.cpuTimings[name] ?? null };
  const modelFitSeconds: Record<string, number> = {};
  for (const r of s.comparison) {
    if (r.split === 'test' && r.fitSeconds !== undefined)
      modelFitSeconds[`${r.model} ${r.variant}`] = r.fitSeconds;
  }
  const bestRow = s.comparison.find(
    (r) => r.model === s.best.model && r.variant === s.best.variant && r.split === 'test',
  );
  const rankingNdcg: Record<string, number> = {};
  for (const r of s.ranking?.results ?? []) rankingNdcg[`${r.strategy} ${r.mode}`] = r.ndcg;
  return {
    stages,
    totalSeconds: s.totalSeconds,
    peakRssBytes: s.peakRssBytes,
    modelFitSeconds,
    quality: {
      best: `${s.best.model} ${s.best.variant}`,
      bestTestRocAuc: bestRow?.rocAuc ?? null,
      cfFeatureUsed: s.cf.used ?? null,
      rankingNdcg,
    },
  };
}

/**
 * Runs the default pipeline exactly as a user would: the built CLI, `reco train --tune none`
 * with the given training sample, every default stage on (CF feature, models, evaluation,
 * serving CF, ranking, top-10 for every user, the bundle).
 */
export async function runReco(opts: {
  dataDir: string;
  workDir: string;
  trainSample: number;
  cpuProfDir: string | null;
}): Promise<RecoRun> {
  const out = join(opts.workDir, 'bundle');
  const node = opts.cpuProfDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`];
  if (opts.cpuProfDir !== null) mkdirSync(opts.cpuProfDir, { recursive: true });
  const args = [...node, CLI, 'train', '--data', opts.dataDir, '--train-sample', String(opts.trainSample)];
  args.push('--tune', 'none', '--json', '--quiet', '--out', out);
  const outside = await runMeasured('reco', process.execPath, args, { cwd: REPO_ROOT, dir: opts.workDir });
  const command = `node ${args.join(' ')}`;
  if (outside.exitCode !== 0) {
    const tail = readFileSync(join(opts.workDir, 'reco.stderr'), 'utf8').slice(-2000);
    throw new Error(`reco train exited with ${outside.exitCode}:\n${tail}`);
  }
  const summary = JSON.parse(readFileSync(join(opts.workDir, 'reco.stdout'), 'utf8')) as TrainSummary;
  return { command, outside, ...summariseTrain(summary) };
}
