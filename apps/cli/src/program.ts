import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { describeError, EXIT } from './cli-error';
import { registerDownloadCommand } from './commands/download';
import { registerEvaluateCommand } from './commands/evaluate';
import { registerInfoCommand } from './commands/info';
import { registerRecommendCommand } from './commands/recommend';
import { registerServeCommand, ServeExit } from './commands/serve';
import { registerSimilarCommand } from './commands/similar';
import { registerSynthCommand } from './commands/synth';
import { registerTrainCommand } from './commands/train';
import { escapeControl } from './terminal';

/** The CLI's own version; `../package.json` is the same file from `src/` and from `dist/`. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;

/** Builds the `reco` program: every command registers itself here. */
export function createProgram(): Command {
  const program = new Command('reco')
    .description('Like/dislike prediction and movie recommendations on MovieLens data.')
    .version(VERSION, '-V, --version', 'print the version of reco')
    .showHelpAfterError('(run with --help for usage)')
    // Commander echoes the offending argument; escape it so it cannot drive the terminal.
    .configureOutput({ writeErr: (text) => process.stderr.write(escapeControl(text)) })
    .exitOverride();
  registerInfoCommand(program);
  registerDownloadCommand(program);
  registerSynthCommand(program);
  registerTrainCommand(program);
  registerEvaluateCommand(program);
  registerRecommendCommand(program);
  registerSimilarCommand(program);
  registerServeCommand(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a runtime failure (bad data, a
 * missing path, an unknown user), 2 for a usage error, 70 for a bug. Errors are printed as one
 * line; only bugs show a stack.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has already printed its own message (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode === 1 ? EXIT.usage : error.exitCode;
    if (error instanceof ServeExit) return error.exitCode;
    const { message, known, exitCode } = describeError(error);
    const line = known ? `error: ${message}` : `internal error (please report): ${message}`;
    process.stderr.write(`${escapeControl(line)}\n`);
    return exitCode;
  }
}
