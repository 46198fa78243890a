import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './cli-error';

export type PathKind = 'folder' | 'file';

/**
 * Checks that `path` (given as `flag`) is an existing, readable `kind`, and throws a CliError
 * (code `path`, exit 1) that says what it is instead: missing, a file, a folder, unreadable.
 * Returns the absolute path. `hint` is appended to the message for a missing path.
 */
export function checkPath(flag: string, path: string, kind: PathKind, hint = ''): string {
  const abs = resolve(path);
  const fail = (what: string) => new CliError(`${flag} ${path}: ${what}`, 1, { code: 'path', field: flag });
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`no such ${kind}${hint === '' ? '' : `; ${hint}`}`);
    if (code === 'ENOTDIR') throw fail(`a part of this path is a file, not a folder`);
    if (code === 'EACCES' || code === 'EPERM') throw fail(`cannot be read (permission denied)`);
    throw fail(`cannot be read (${code ?? 'unknown error'})`);
  }
  if (kind === 'folder' && !stats.isDirectory()) throw fail('is a file, not a folder');
  if (kind === 'file' && stats.isDirectory()) throw fail('is a folder, not a file');
  try {
    accessSync(abs, kind === 'folder' ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch {
    throw fail(`cannot be read (permission denied)`);
  }
  return abs;
}

/** `--artifacts DIR` checked before any loading, with the hint a new user needs. */
export function checkArtifactsDir(dir: string): string {
  return checkPath('--artifacts', dir, 'folder', 'run `reco train` first, or pass --artifacts <dir>');
}
