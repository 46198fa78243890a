import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DataError } from './errors';
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
  if (isDirectory(direct)) return direct;
  const bareName = nameOrDir !== '' && !nameOrDir.includes('/') && !nameOrDir.includes('\\');
  if (!bareName) throw new DataError(`the dataset folder ${direct} does not exist`);

  const roots = options.datasetsDir !== undefined ? [resolve(cwd, options.datasetsDir)] : datasetsAbove(cwd);
  for (const root of roots) {
    const candidate = join(root, nameOrDir);
    if (isDirectory(candidate)) return candidate;
  }
  const where = roots[0] ?? join(cwd, 'datasets');
  if (isReleaseName(nameOrDir)) {
    throw new DataError(
      `release ${nameOrDir} is not in ${where}; get it with: pnpm reco download ${nameOrDir}`,
    );
  }
  throw new DataError(
    `"${nameOrDir}" is neither a folder nor a dataset in ${where} (releases: ${RELEASE_NAMES.join(', ')})`,
  );
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
  return existsSync(path) && statSync(path).isDirectory();
}
