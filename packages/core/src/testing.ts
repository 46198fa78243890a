import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The ```ts blocks of a package README, in order. A block opened with ```ts no-run is left out
 * (for shell-dependent or long-running snippets).
 */
export function readmeExamples(packageDir: string): string[] {
  const text = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const blocks: string[] = [];
  for (const match of text.matchAll(/^```ts\s*\n([\s\S]*?)^```/gm)) blocks.push(match[1]!);
  return blocks;
}

/**
 * Runs README example `index` of the package in `packageDir` as a module inside that package, so
 * `import … from '@reco/<name>'` resolves the way a user's import does (through the exports map),
 * and returns the module's exports. The temporary file is removed afterwards.
 */
export async function runReadmeExample(packageDir: string, index = 0): Promise<Record<string, unknown>> {
  const source = readmeExamples(packageDir)[index];
  if (source === undefined) throw new Error(`${packageDir}/README.md has no \`\`\`ts example ${index}`);
  const file = join(packageDir, `.readme-example-${process.pid}-${index}.ts`);
  writeFileSync(file, source);
  try {
    return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * Test helper: the first Python that imports every one of `modules`, or null. Debian's
 * python3-numpy and python3-xgboost live in the system interpreter, which may not be the
 * `python3` first on PATH (e.g. under pyenv), so the system one is tried first.
 */
export function findPython(modules: readonly string[]): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/**
 * Test helper: the error of class `type` that `run` throws. Fails the test when `run` returns,
 * and rethrows any other error, so a test can check the code, field and message of the one it
 * expects.
 */
export function thrownBy<E extends Error>(type: abstract new (...args: never[]) => E, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
