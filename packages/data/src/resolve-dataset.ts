import { accessSync, constants, type Stats, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from './errors';
import { LAYOUT_REQUIREMENTS } from './layout';
import { isReleaseName, RELEASE_NAMES } from './releases';

export interface ResolveDatasetOptions {
  /** Where relative paths start. Default: the current directory. */
  readonly cwd?: string;
  /**
   * The folder that holds named datasets (`<datasetsDir>/ml-20m`). Default: the nearest `datasets/`
   * folder at or above `cwd`, so the bundled data is found from inside a package folder too.
   */
  readonly datasetsDir?: string;
}

/**
 * Resolves a `<dir|release>` argument to a dataset folder: an existing folder is used as it is;
 * a bare name such as `ml-latest-small` means `datasets/<name>`. When nothing matches, the
 * DataError says what to do (for a release that is not there yet: the download command).
 *
 * @example
 * resolveDatasetDir('ml-latest-small'); // '/repo/datasets/ml-latest-small'
 * resolveDatasetDir('./my-data');       // '/repo/my-data'
 */
export function resolveDatasetDir(nameOrDir: string, options: ResolveDatasetOptions = {}): string {
  const cwd = resolve(options.cwd ?? process.cwd());
  const direct = resolve(cwd, nameOrDir);
  const found = statOf(direct);
  if (found !== undefined) return usableFolder(direct, found);
  const bareName = nameOrDir !== '' && !nameOrDir.includes('/') && !nameOrDir.includes('\\');
  if (!bareName) {
    throw new DataError('not-found', `no such file or folder; ${NEEDS}`, { file: direct });
  }

  const roots = options.datasetsDir !== undefined ? [resolve(cwd, options.datasetsDir)] : datasetsAbove(cwd);
  for (const root of roots) {
    const candidate = join(root, nameOrDir);
    const stats = statOf(candidate);
    if (stats !== undefined) return usableFolder(candidate, stats);
  }
  const where = roots[0] ?? join(cwd, 'datasets');
  if (isReleaseName(nameOrDir)) {
    throw new DataError(
      'missing-release',
      `release ${nameOrDir} is not in ${where}; get it with: pnpm reco download ${nameOrDir}`,
    );
  }
  throw new DataError(
    'not-found',
    `"${nameOrDir}" is neither a folder nor a dataset in ${where} (releases: ${RELEASE_NAMES.join(', ')})`,
  );
}

/** What a dataset folder must hold, for messages. */
const NEEDS = `a dataset folder holds one of: ${LAYOUT_REQUIREMENTS.join('; ')}`;

/** The path if it is a folder this process can list; otherwise the DataError that says why not. */
function usableFolder(path: string, stats: Stats | 'unreadable'): string {
  if (stats === 'unreadable') {
    throw new DataError('unreadable', 'cannot be read (permission denied)', { file: path });
  }
  if (!stats.isDirectory()) {
    throw new DataError(
      'not-a-folder',
      `is a file, not a dataset folder; pass the folder that holds it (${dirname(path)}). ${NEEDS}`,
      { file: path },
    );
  }
  try {
    accessSync(path, constants.R_OK | constants.X_OK);
  } catch (cause) {
    throw new DataError('unreadable', 'the folder cannot be read (permission denied)', { file: path, cause });
  }
  return path;
}

/** Stats of `path`, `'unreadable'` when a parent folder blocks the look-up, undefined when absent. */
function statOf(path: string): Stats | 'unreadable' | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
    return undefined;
  }
}

/** Every `datasets/` folder at or above `dir`, nearest first. */
function datasetsAbove(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    if (isDirectory(join(at, 'datasets'))) found.push(join(at, 'datasets'));
    if (dirname(at) === at) return found;
  }
}

function isDirectory(path: string): boolean {
  const stats = statOf(path);
  return stats !== undefined && stats !== 'unreadable' && stats.isDirectory();
}
