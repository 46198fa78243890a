import { generateMovieLens } from '@reco/data';
import type { Command } from 'commander';
import { positiveInteger } from '../options';
import { createProgressBar } from '../progress';
import { escapeControl } from '../terminal';

interface SynthFlags {
  users?: number;
  movies?: number;
  ratings?: number;
  seed: number;
  out: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'Write a synthetic MovieLens dataset (ml-20m CSV layout) with learnable signal, at any scale.',
    )
    .option('--ratings <n>', 'number of ratings (default 1,000,000, or 144 per user)', positiveInteger)
    .option('--users <n>', 'number of users (default: ml-20m ratio to ratings)', positiveInteger)
    .option('--movies <n>', 'number of movies (default: grows sublinearly with ratings)', positiveInteger)
    .option('--seed <n>', 'random seed; the same seed gives the same bytes', positiveInteger, 1)
    .requiredOption('-o, --out <dir>', 'folder to create')
    .option('--force', 'regenerate even when --out already holds this dataset')
    .option('--json', 'print one JSON summary')
    .option('--quiet', 'no progress bar')
    .action(async (flags: SynthFlags) => {
      const bar = createProgressBar({ quiet: flags.quiet || flags.json });
      const result = await generateMovieLens({
        out: flags.out,
        ratings: flags.ratings,
        users: flags.users,
        movies: flags.movies,
        seed: flags.seed,
        force: flags.force,
        onProgress: bar.update,
      });
      bar.done();
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const { users, movies, ratings } = result.params;
      const verb = result.reused ? 'already present' : `written in ${result.seconds.toFixed(1)} s`;
      process.stdout.write(
        `${escapeControl(result.dir)}: ${ratings.toLocaleString('en-US')} ratings, ${users.toLocaleString('en-US')} users, ` +
          `${movies.toLocaleString('en-US')} movies (seed ${flags.seed}), ${verb}.\n`,
      );
    });
}
