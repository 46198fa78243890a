import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isReleaseName } from '@reco/data';
import { CliError } from './cli-error';

/** Where releases live by default: `datasets/` under the current directory, or $RECO_DATASETS. */
export function datasetsRoot(): string {
  return resolve(process.env.RECO_DATASETS ?? 'datasets');
}

/**
 * Resolves a `<dir|release>` argument: an existing folder is used as it is; a release name
 * (`ml-20m`) means `datasets/ml-20m`. Anything else is a usage error that says what to do.
 */
export function resolveDatasetArg(arg: string): string {
  if (existsSync(arg) && statSync(arg).isDirectory()) return resolve(arg);
  if (isReleaseName(arg)) {
    const dir = join(datasetsRoot(), arg);
    if (existsSync(dir)) return dir;
    throw new CliError(
      `release ${arg} is not in ${datasetsRoot()}; get it with: pnpm reco download ${arg}`,
      1,
    );
  }
  throw new CliError(
    `"${arg}" is neither a folder nor a MovieLens release name (ml-100k, ml-1m, ml-20m, ...)`,
    1,
  );
}
