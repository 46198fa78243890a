import { resolve } from 'node:path';
import { resolveDatasetDir } from '@reco/data';

/** Where releases live by default: `datasets/` under the current directory, or $RECO_DATASETS. */
export function datasetsRoot(): string {
  return resolve(process.env.RECO_DATASETS ?? 'datasets');
}

/**
 * Resolves a `<dir|release>` argument: an existing folder as it is, a name (`ml-20m`) in
 * $RECO_DATASETS when set, else in the nearest `datasets/` folder.
 */
export function resolveDatasetArg(arg: string): string {
  const datasetsDir = process.env.RECO_DATASETS;
  return resolveDatasetDir(arg, datasetsDir === undefined ? {} : { datasetsDir });
}
