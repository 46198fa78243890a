import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A bundle trained once per test run on the bundled data; tests copy it before changing it. */
    artifactsDir: string;
  }
}

const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Trains one real bundle for every test file (about 10 s) and removes it afterwards. Set
 * RECO_API_TEST_ARTIFACTS to a bundle trained with the same fast study to skip training.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.RECO_API_TEST_ARTIFACTS;
  if (given !== undefined && given !== '') {
    project.provide('artifactsDir', given);
    return async () => {};
  }
  const root = await mkdtemp(join(tmpdir(), 'reco-api-test-'));
  const out = join(root, 'artifacts');
  await promisify(execFile)(
    process.execPath,
    ['--conditions=@reco/source', '--import', 'tsx', 'src/testing/train-bundle.ts', out],
    { cwd: API_ROOT, maxBuffer: 16 * 1024 * 1024 },
  );
  project.provide('artifactsDir', out);
  return () => rm(root, { recursive: true, force: true });
}
