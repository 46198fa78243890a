import { isRecoError, RecoError, type RecoErrorOptions } from '@reco/core';

/** `usage`: the command line is wrong (exit 2). `path`, `runtime`: the work failed (exit 1). */
export type CliErrorCode = 'usage' | 'path' | 'runtime';

/** Exit codes, as documented in the README: 0 ok, 1 runtime failure, 2 usage, 70 a bug. */
export const EXIT = { ok: 0, runtime: 1, usage: 2, bug: 70 } as const;

/**
 * An error the CLI reports as one readable line and a non-zero exit, with no stack trace.
 * Package errors (DataError, ModelError, ...) are already written for people, so the CLI prints
 * their message as it is; `CliError` covers problems with the command line and its paths.
 */
export class CliError extends RecoError<CliErrorCode> {
  override readonly name = 'CliError';
  readonly exitCode: 1 | 2;
  constructor(
    message: string,
    exitCode: 1 | 2 = 2,
    options: RecoErrorOptions & { code?: CliErrorCode } = {},
  ) {
    super(options.code ?? (exitCode === 2 ? 'usage' : 'runtime'), message, options);
    this.exitCode = exitCode;
  }
}

const READABLE_ERRORS = new Set([
  'CliError',
  'DataError',
  'FeatureError',
  'ModelError',
  'EvalError',
  'EvaluationError',
  'CfError',
  'RecommenderError',
  'ApiError',
  'BundleError',
  'StudyError',
  'ServingError',
]);

/** Node's file-system error codes, said the way a person would say them. */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'is missing',
  ENOTDIR: 'is a file where a folder is expected',
  EISDIR: 'is a folder where a file is expected',
  EACCES: 'cannot be read or written (permission denied)',
  EPERM: 'cannot be read or written (operation not permitted)',
  ELOOP: 'is a symbolic link loop',
  ENAMETOOLONG: 'is too long a path',
};

/** A readable line for a Node system error such as `ENOTDIR: not a directory, open '...'`. */
export function describeSystemError(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === undefined || PATH_PROBLEMS[code] === undefined) return null;
  return path === undefined ? `a path ${PATH_PROBLEMS[code]}` : `${path} ${PATH_PROBLEMS[code]}`;
}

/** The message to print for an error, and whether it is one of ours (known) or a bug. */
export function describeError(error: unknown): { message: string; known: boolean; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, known: true, exitCode: error.exitCode };
  if (isRecoError(error) || (error instanceof Error && READABLE_ERRORS.has(error.name))) {
    return { message: (error as Error).message, known: true, exitCode: EXIT.runtime };
  }
  const system = describeSystemError(error);
  if (system !== null) return { message: system, known: true, exitCode: EXIT.runtime };
  if (error instanceof Error)
    return { message: error.stack ?? error.message, known: false, exitCode: EXIT.bug };
  return { message: String(error), known: false, exitCode: EXIT.bug };
}
