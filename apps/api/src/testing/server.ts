/** Test helpers: a server over the shared test bundle, and bundle copies a test may break. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecommender } from '@reco/serving';
import { inject } from 'vitest';
import type { App } from '../app';
import type { BuildServerOptions } from '../options';
import { buildServer } from '../server';

export function testArtifacts(): string {
  return inject('artifactsDir');
}

/** A server over the shared test bundle, without logs; options override the defaults. */
export function testServer(options: Partial<BuildServerOptions> = {}): Promise<App> {
  return buildServer({
    artifactsDir: testArtifacts(),
    loadRecommender: (dir) => loadRecommender(dir),
    logger: false,
    rateLimit: false,
    // A CI machine running other suites lags; shedding is tested on its own (openapi-pressure).
    maxEventLoopDelayMs: 0,
    ...options,
  });
}

/** A private copy of the test bundle, for tests that modify or replace it. */
export async function copyArtifacts(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'reco-api-copy-'));
  const dir = join(root, 'artifacts');
  // The bundle is a symlink to its version folder: copy the files, not the link.
  await cp(testArtifacts(), dir, { recursive: true, dereference: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}
