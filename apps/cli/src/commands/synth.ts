import { generateMovieLens, generateNetflix } from '@reco/data';
import { type Command, Option } from 'commander';
import { positiveInteger } from '../options';
import { createProgressBar } from '../progress';
import { escapeControl } from '../terminal';

export const SYNTH_LAYOUTS = ['movielens', 'netflix'] as const;
export type SynthLayout = (typeof SYNTH_LAYOUTS)[number];

interface SynthFlags {
  layout: SynthLayout;
  users?: number;
  movies?: number;
  ratings?: number;
  seed: number;
  out: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** What either generator wrote, as the one line (or JSON object) the command prints. */
interface SynthSummary {
  readonly dir: string;
  readonly layout: SynthLayout;
  readonly ratings: number;
  readonly users: number;
  readonly movies: number;
  /** Netflix layout only: rows also listed in probe.txt. */
  readonly probe?: number;
  readonly reused: boolean;
  readonly seconds: number;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'Write a synthetic dataset with learnable signal, at any scale: the ml-20m CSV layout, or the Netflix Prize layout.',
    )
    .addOption(
      new Option(
        '--layout <layout>',
        'movielens (ml-20m CSV files) or netflix (combined_data_*.txt, probe.txt)',
      )
        .choices(SYNTH_LAYOUTS)
        .default('movielens'),
    )
    .option('--ratings <n>', 'number of ratings (default 1,000,000, or 144 per user)', positiveInteger)
    .option('--users <n>', 'number of users (default: the release shape scaled to ratings)', positiveInteger)
    .option('--movies <n>', 'number of movies (default: grows sublinearly with ratings)', positiveInteger)
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', positiveInteger, 1)
    .requiredOption('-o, --out <dir>', 'folder to create')
    .option('--force', 'regenerate even when --out already holds this dataset (movielens layout)')
    .option('--json', 'print one JSON summary')
    .option('--quiet', 'no progress bar')
    .action(async (flags: SynthFlags) => {
      const bar = createProgressBar({ quiet: flags.quiet || flags.json });
      const { summary, written } = await synthesize(flags, bar.update).finally(() => bar.done());
      // --json prints what the generator returned (its `params` and files), tagged with the layout.
      const json = { layout: flags.layout, ...written };
      process.stdout.write(flags.json ? `${JSON.stringify(json)}\n` : `${synthLine(summary, flags.seed)}\n`);
    });
}

async function synthesize(
  flags: SynthFlags,
  onProgress: Parameters<typeof generateMovieLens>[0]['onProgress'],
): Promise<{ summary: SynthSummary; written: object }> {
  const sizes = { ratings: flags.ratings, users: flags.users, movies: flags.movies, seed: flags.seed };
  const started = performance.now();
  if (flags.layout === 'netflix') {
    const written = await generateNetflix({
      out: flags.out,
      ...sizes,
      ...(onProgress ? { onProgress } : {}),
    });
    const { dir, ratings, users, movies, probe } = written;
    const seconds = (performance.now() - started) / 1000;
    const summary: SynthSummary = {
      dir,
      layout: 'netflix',
      ratings,
      users,
      movies,
      probe,
      reused: false,
      seconds,
    };
    return { summary, written };
  }
  const result = await generateMovieLens({ out: flags.out, ...sizes, force: flags.force, onProgress });
  const { users, movies, ratings } = result.params;
  const { dir, reused, seconds } = result;
  return { summary: { dir, layout: 'movielens', ratings, users, movies, reused, seconds }, written: result };
}

/** The human-readable summary. Pure, so it is testable. */
export function synthLine(s: SynthSummary, seed: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const verb = s.reused ? 'already present' : `written in ${s.seconds.toFixed(1)} s`;
  const probe = s.probe === undefined ? '' : ` (${n(s.probe)} in probe.txt)`;
  return (
    `${escapeControl(s.dir)}: ${n(s.ratings)} ratings${probe}, ${n(s.users)} users, ` +
    `${n(s.movies)} movies, ${s.layout} layout (seed ${seed}), ${verb}.`
  );
}
