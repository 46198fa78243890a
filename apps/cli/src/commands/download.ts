import { downloadMovieLens, isReleaseName, RELEASE_NAMES } from '@reco/data';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { datasetsRoot } from '../dataset-arg';
import { createProgressBar } from '../progress';
import { escapeControl } from '../terminal';

interface DownloadFlags {
  dest?: string;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
}

export function registerDownloadCommand(program: Command): void {
  program
    .command('download')
    .description('Download an official GroupLens MovieLens release, verify it and extract it atomically.')
    .argument('<release>', `one of ${RELEASE_NAMES.join(', ')}`)
    .option('--dest <dir>', 'parent folder of the release (default: datasets/)')
    .option('--force', 'download again even when the release is already there')
    .option('--json', 'print one JSON summary')
    .option('--quiet', 'no progress bar')
    .action(async (release: string, flags: DownloadFlags) => {
      if (!isReleaseName(release)) {
        throw new CliError(`unknown release "${release}"; choose one of ${RELEASE_NAMES.join(', ')}`);
      }
      const bar = createProgressBar({ quiet: flags.quiet || flags.json });
      const controller = new AbortController();
      const abort = () => controller.abort(new Error('interrupted'));
      process.once('SIGINT', abort);
      try {
        const result = await downloadMovieLens(release, flags.dest ?? datasetsRoot(), {
          force: flags.force,
          onProgress: bar.update,
          signal: controller.signal,
        });
        bar.done();
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        const how = result.reused
          ? 'already present'
          : `downloaded ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s, verified`;
        const dir = escapeControl(result.dir);
        process.stdout.write(`${release} -> ${dir} (${how})\nnext: pnpm exec reco info ${dir}\n`);
      } finally {
        process.off('SIGINT', abort);
        bar.done();
      }
    });
}
