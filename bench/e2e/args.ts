/** Command-line options of `pnpm bench:e2e`. */
export interface E2eOptions {
  /** Dataset sizes in ratings, in the order they run. */
  readonly sizes: readonly number[];
  /** Keep each run's bundle, logs and Python results instead of deleting them. */
  readonly keep: boolean;
  /** Skip the Python reference even when it is available. */
  readonly python: boolean;
  /**
   * Run the reference at the same time as reco instead of after it. Each then competes for the
   * cores, so wall seconds are inflated; CPU seconds stay comparable. For a busy shared machine.
   */
  readonly parallel: boolean;
  /** Also print the docs/benchmarks.md table (wall / CPU seconds, reco vs Python, per size). */
  readonly markdown: boolean;
  /** Read `bench-results/e2e-<n>.json` instead of running (to rebuild the scaling table). */
  readonly fromResults: boolean;
  /** Write V8 CPU profiles of the reco run (main thread and every worker) into this folder. */
  readonly cpuProf: string | null;
  /** Rows the classifiers train on (`--train-sample` of `reco train` and `--sample` of the reference). */
  readonly trainSample: number;
  readonly seed: number;
}

export class UsageError extends Error {
  readonly code = 'E2E_USAGE';
}

const USAGE = `usage: pnpm bench:e2e [--ratings N | --sizes N,N,...] [--keep] [--no-python] [--parallel]
                      [--from-results] [--markdown] [--cpu-prof DIR] [--train-sample 2000000] [--seed 7]
  --ratings N       one size (default 1000000; the issue's sizes are 1000000, 5000000, 20000263)
  --sizes A,B,C     several sizes, then the scaling table (growth exponent k per stage)
  --keep            keep each run's bundle, logs and Python results (printed at the end)
  --no-python       do not run the Python reference
  --parallel        run the reference beside reco, not after it (compare CPU seconds then)
  --markdown        also print the table for docs/benchmarks.md
  --from-results    rebuild the tables from bench-results/e2e-<N>.json without running
  --cpu-prof DIR    run reco under node --cpu-prof, profiles (main + workers) in DIR/<N>/`;

function positiveInt(flag: string, text: string | undefined): number {
  const value = Number((text ?? '').replaceAll('_', ''));
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${flag} needs a positive integer, got "${text ?? ''}"\n${USAGE}`);
  return value;
}

export function parseArgs(argv: readonly string[]): E2eOptions | 'help' {
  let sizes: number[] = [1_000_000];
  const o = {
    keep: false,
    python: true,
    parallel: false,
    markdown: false,
    fromResults: false,
    cpuProf: null as string | null,
  };
  let trainSample = 2_000_000;
  let seed = 7;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = () => argv[++i];
    if (flag === '--') continue;
    else if (flag === '-h' || flag === '--help') return 'help';
    else if (flag === '--ratings') sizes = [positiveInt(flag, next())];
    else if (flag === '--sizes') sizes = (next() ?? '').split(',').map((s) => positiveInt(flag, s));
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--no-python') o.python = false;
    else if (flag === '--parallel') o.parallel = true;
    else if (flag === '--markdown') o.markdown = true;
    else if (flag === '--from-results') o.fromResults = true;
    else if (flag === '--cpu-prof') {
      const dir = next();
      if (!dir) throw new UsageError(`--cpu-prof needs a folder\n${USAGE}`);
      o.cpuProf = dir;
    } else if (flag === '--train-sample') trainSample = positiveInt(flag, next());
    else if (flag === '--seed') seed = positiveInt(flag, next());
    else throw new UsageError(`unknown option "${flag}"\n${USAGE}`);
  }
  return { sizes, trainSample, seed, ...o };
}

export { USAGE };
