import { comparisonColumns, toTerminalTable } from '@reco/eval';
import { evaluateBundle } from '@reco/study';
import type { Command } from 'commander';
import { checkArtifactsDir } from '../paths';
import { createProgressBar } from '../progress';
import { escapeControl, useColor } from '../terminal';

interface EvaluateFlags {
  artifacts: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerEvaluateCommand(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Re-score the saved models on the saved split, without retraining, and compare with the saved metrics.',
    )
    .option('-a, --artifacts <dir>', 'artifact folder written by reco train', 'artifacts')
    .option('--json', 'print one JSON object')
    .option('--quiet', 'no progress bar')
    .action(async (flags: EvaluateFlags) => {
      const bar = createProgressBar({ quiet: flags.quiet || flags.json });
      const result = await evaluateBundle(checkArtifactsDir(flags.artifacts), {
        onProgress: bar.update,
      }).finally(() => bar.done());
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const color = useColor(process.stdout);
      process.stdout.write(
        `${toTerminalTable(result.comparison, { columns: comparisonColumns, color })}\n\n` +
          `re-scored ${escapeControl(result.dir)} in ${result.seconds.toFixed(1)} s; ` +
          `largest difference from the saved metrics: ${result.maxDifference.toExponential(2)}\n`,
      );
    });
}
