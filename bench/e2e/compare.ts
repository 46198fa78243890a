import type { PythonRun } from './python';
import type { RecoRun, StageCost } from './reco';

/** One line of the side-by-side table: what each side spent on comparable work. */
export interface ComparedStage {
  readonly name: string;
  /** Which stages of each side the line adds up, so a reader sees what is covered. */
  readonly reco: readonly string[];
  readonly python: readonly string[];
  readonly recoSeconds: number | null;
  readonly pythonSeconds: number | null;
  readonly recoCpu: number | null;
  readonly pythonCpu: number | null;
  /** Python seconds over reco seconds: 2.0 means reco took half the time. */
  readonly speedup: number | null;
}

interface Group {
  name: string;
  reco: string[];
  python: string[];
}

/** Work both pipelines do. Each model line is fit only on reco's side (its scoring is `evaluate`). */
const GROUPS: readonly Group[] = [
  { name: 'load', reco: ['load'], python: ['load'] },
  {
    name: 'split + features',
    reco: ['split', 'features'],
    python: ['label', 'split', 'features_user', 'features_movie', 'features_join', 'features_scale'],
  },
  {
    name: 'models: fit + score val/test',
    reco: ['train', 'evaluate'],
    python: ['model_lr', 'model_rf', 'model_xgb'],
  },
  { name: 'CF (reco: serving MF + ALS; py: bias + SVD)', reco: ['serving cf'], python: ['cf'] },
];

function sum(
  stages: Record<string, StageCost>,
  names: readonly string[],
  key: 'wall' | 'cpu',
): number | null {
  let total = 0;
  for (const n of names) {
    const v = stages[n]?.[key];
    if (v === undefined || v === null) return null;
    total += v;
  }
  return total;
}

function ratio(python: number | null, reco: number | null): number | null {
  return python === null || reco === null || reco <= 0 ? null : python / reco;
}

function line(
  name: string,
  reco: string[],
  python: string[],
  r: number | null,
  p: number | null,
  rc: number | null,
  pc: number | null,
): ComparedStage {
  return {
    name,
    reco,
    python,
    recoSeconds: r,
    pythonSeconds: p,
    recoCpu: rc,
    pythonCpu: pc,
    speedup: ratio(p, r),
  };
}

/** The comparable lines, one per model, then the totals (Python may be absent: its columns are null). */
export function compareRuns(reco: RecoRun, python: PythonRun | null): ComparedStage[] {
  const py = python?.stages ?? {};
  const rows = GROUPS.map((g) =>
    line(
      g.name,
      g.reco,
      g.python,
      sum(reco.stages, g.reco, 'wall'),
      python ? sum(py, g.python, 'wall') : null,
      sum(reco.stages, g.reco, 'cpu'),
      python ? sum(py, g.python, 'cpu') : null,
    ),
  );
  for (const m of ['lr', 'rf', 'xgb']) {
    const key = Object.keys(reco.modelFitSeconds).find((k) => k.startsWith(`${m} `));
    const fit = key === undefined ? null : reco.modelFitSeconds[key]!;
    const pyStage = py[`model_${m}`];
    rows.push(
      line(
        `model ${m} (reco fit only; py fit + predict)`,
        key ? [`train: ${key}`] : [],
        [`model_${m}`],
        fit,
        pyStage?.wall ?? null,
        null,
        pyStage?.cpu ?? null,
      ),
    );
  }
  const recoCpu = Object.values(reco.stages).reduce((s, v) => s + (v.cpu ?? 0), 0);
  const pyCpu = python ? Object.values(py).reduce((s, v) => s + (v.cpu ?? 0), 0) : null;
  rows.push(
    line(
      'total (whole run)',
      ['all stages'],
      ['all stages'],
      reco.totalSeconds,
      python?.totalSeconds ?? null,
      recoCpu,
      pyCpu,
    ),
  );
  return rows;
}

/** Least-squares slope of log(seconds) on log(ratings): time grows as ratings^k. */
export function growthExponent(points: readonly { ratings: number; seconds: number }[]): number | null {
  const usable = points.filter((p) => p.ratings > 0 && p.seconds > 0);
  if (usable.length < 2) return null;
  const xs = usable.map((p) => Math.log(p.ratings));
  const ys = usable.map((p) => Math.log(p.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** Stages that grow faster than this in ratings are flagged in the scaling table. */
export const SUPERLINEAR = 1.1;

export interface ScalingRow {
  readonly stage: string;
  /** Wall seconds at each size, in the order of `sizes` (null where the stage did not run). */
  readonly seconds: readonly (number | null)[];
  readonly k: number | null;
  readonly superlinear: boolean;
}

/** Each stage at each size and its growth exponent; stages missing at a size are fitted on the rest. */
export function scalingTable(
  runs: readonly { ratings: number; stages: Record<string, number> }[],
): ScalingRow[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.stages)))];
  return names.map((stage) => {
    const seconds = runs.map((r) => r.stages[stage] ?? null);
    const k = growthExponent(
      runs.flatMap((r, i) => (seconds[i] == null ? [] : [{ ratings: r.ratings, seconds: seconds[i]! }])),
    );
    return { stage, seconds, k, superlinear: k !== null && k > SUPERLINEAR };
  });
}
