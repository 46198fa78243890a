import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RecommenderError } from '../errors';

/**
 * Resolves `--data <dir|release>`: an existing folder is used as is; a name such as
 * `ml-latest-small` means `datasets/<name>` under the current directory (or, so the bundled data
 * is found from inside a package folder too, under its nearest ancestor that has it).
 */
export function resolveDataDir(data: string, cwd = process.cwd()): string {
  const direct = resolve(cwd, data);
  if (isDir(direct)) return direct;
  if (!data.includes('/') && !data.includes('\\')) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      const candidate = join(dir, 'datasets', data);
      if (isDir(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
    throw new RecommenderError(
      'config',
      `no dataset "${data}": neither ${direct} nor datasets/${data} exists; download it with \`reco download ${data}\` or pass a folder`,
    );
  }
  throw new RecommenderError('config', `the dataset folder ${direct} does not exist`);
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
