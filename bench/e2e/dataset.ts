import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from './paths';

export interface BenchDataset {
  readonly dir: string;
  readonly reused: boolean;
  readonly seconds: number;
  readonly users: number;
  readonly movies: number;
  readonly ratings: number;
  readonly ratingsCsvBytes: number;
}

interface SynthSummary {
  dir: string;
  reused: boolean;
  seconds: number;
  params: { users: number; movies: number; ratings: number };
  files: Record<string, { bytes: number }>;
}

/**
 * The ml-20m-shaped dataset of `ratings` ratings, seed 7, under `.bench-data/`, written by the
 * project's own generator through the built CLI. `reco synth` reuses a folder that already
 * holds the same dataset, so a second run costs nothing.
 */
export function ensureDataset(ratings: number, seed: number): BenchDataset {
  const dir = join(REPO_ROOT, '.bench-data', `synth-${ratings}-seed${seed}`);
  mkdirSync(join(REPO_ROOT, '.bench-data'), { recursive: true });
  const stdout = execFileSync(
    process.execPath,
    [CLI, 'synth', '--ratings', String(ratings), '--seed', String(seed), '--out', dir, '--json', '--quiet'],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const s = JSON.parse(stdout) as SynthSummary;
  return {
    dir: s.dir,
    reused: s.reused,
    seconds: s.seconds,
    users: s.params.users,
    movies: s.params.movies,
    ratings: s.params.ratings,
    ratingsCsvBytes: s.files['ratings.csv']?.bytes ?? 0,
  };
}
