import { Command, CommanderError } from 'commander';
import { describeError } from './cli-error';
import { registerDownloadCommand } from './commands/download';
import { registerEvaluateCommand } from './commands/evaluate';
import { registerInfoCommand } from './commands/info';
import { registerRecommendCommand } from './commands/recommend';
import { registerSimilarCommand } from './commands/similar';
import { registerSynthCommand } from './commands/synth';
import { registerTrainCommand } from './commands/train';

/** Builds the `reco` program: every command registers itself here. */
export function createProgram(): Command {
  const program = new Command('reco')
    .description('Like/dislike prediction and movie recommendations on MovieLens data.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInfoCommand(program);
  registerDownloadCommand(program);
  registerSynthCommand(program);
  registerTrainCommand(program);
  registerEvaluateCommand(program);
  registerRecommendCommand(program);
  registerSimilarCommand(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a readable error from a package,
 * 2 for a usage error, 70 for a bug. Errors are printed as one line; only bugs show a stack.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode === 1 ? 2 : error.exitCode;
    const { message, known, exitCode } = describeError(error);
    process.stderr.write(known ? `error: ${message}\n` : `internal error (please report): ${message}\n`);
    return exitCode;
  }
}
