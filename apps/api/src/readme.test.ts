import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';
import type { App } from './app';
import { testArtifacts } from './testing/server';

it('runs the README library example as a user would import it', async () => {
  // The example names `./artifacts`, the folder `reco train` writes: run it where that is the
  // shared test bundle.
  const work = await mkdtemp(join(tmpdir(), 'reco-api-readme-'));
  await symlink(testArtifacts(), join(work, 'artifacts'));
  const cwd = process.cwd();
  process.chdir(work);
  let app: App | undefined;
  try {
    const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
    app = exports.app as App;
    const response = await fetch(`${exports.url as string}/v1/users/1/recommendations?n=3`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { userId: number; items: unknown[] };
    expect(body.userId).toBe(1);
    expect(body.items).toHaveLength(3);
  } finally {
    await app?.close();
    process.chdir(cwd);
    await rm(work, { recursive: true, force: true });
  }
});
