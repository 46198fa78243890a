import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../cli-error';

interface PackageJson {
  readonly name?: string;
  readonly bin?: string | Readonly<Record<string, string>>;
}

const readPackage = (file: string): PackageJson => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** The nearest folder at or above `start` whose package.json is `@reco/cli`. */
function cliRoot(start: string): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && readPackage(file).name === '@reco/cli') return dir;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * `@reco/api`'s package.json: the monorepo sibling `apps/api` first (the API of this checkout),
 * else the package installed beside the CLI.
 */
function findApiPackage(from: string): string | null {
  const root = cliRoot(from);
  const sibling = root === null ? null : join(root, '..', 'api', 'package.json');
  if (sibling !== null && existsSync(sibling) && readPackage(sibling).name === '@reco/api') return sibling;
  try {
    return createRequire(join(from, 'noop.js')).resolve('@reco/api/package.json');
  } catch {
    return null;
  }
}

/**
 * The path of the API's executable (`@reco/api`'s `reco-api` bin, `dist/main.js`). The CLI never
 * imports the app; it runs this file with node. Throws CliError (exit 1) when the API is not
 * installed or not built, saying how to fix it.
 */
export function resolveApiEntry(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const pkgFile = findApiPackage(from);
  if (pkgFile === null) {
    throw new CliError(
      'reco serve: cannot find @reco/api; run it from the reco repository, or install @reco/api beside @reco/cli',
      1,
      { code: 'runtime' },
    );
  }
  const { bin } = readPackage(pkgFile);
  const main = typeof bin === 'string' ? bin : (bin?.['reco-api'] ?? 'dist/main.js');
  const entry = join(dirname(pkgFile), main);
  if (!existsSync(entry)) {
    throw new CliError(
      `reco serve: the API is not built (${relative(process.cwd(), entry) || entry} is missing); run \`pnpm --filter @reco/api build\``,
      1,
      { code: 'runtime' },
    );
  }
  return entry;
}
