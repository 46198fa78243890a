/**
 * An error the CLI reports as one readable line and a non-zero exit, with no stack trace.
 * Package errors (DataError, ModelError, ...) are already written for people, so the CLI prints
 * their message as it is; `CliError` covers problems with the command line itself.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const READABLE_ERRORS = new Set([
  'CliError',
  'DataError',
  'FeatureError',
  'ModelError',
  'EvalError',
  'CfError',
  'RecommenderError',
  'BundleError',
  'StudyError',
  'ServingError',
]);

/** The message to print for an error, and whether it is one of ours (known) or a bug. */
export function describeError(error: unknown): { message: string; known: boolean; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, known: true, exitCode: error.exitCode };
  if (error instanceof Error && READABLE_ERRORS.has(error.name)) {
    return { message: error.message, known: true, exitCode: 1 };
  }
  if (error instanceof Error) return { message: error.stack ?? error.message, known: false, exitCode: 70 };
  return { message: String(error), known: false, exitCode: 70 };
}
