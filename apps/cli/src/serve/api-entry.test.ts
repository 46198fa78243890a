import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrownBy } from '@reco/core/testing';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import { resolveApiEntry } from './api-entry';

/** A fake checkout: `<root>/cli` is @reco/cli and `<root>/api` is @reco/api, built or not. */
function layout(api: { built: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'reco-cli-layout-'));
  mkdirSync(join(root, 'cli', 'dist'), { recursive: true });
  writeFileSync(join(root, 'cli', 'package.json'), JSON.stringify({ name: '@reco/cli' }));
  mkdirSync(join(root, 'api', 'dist'), { recursive: true });
  const pkg = { name: '@reco/api', bin: { 'reco-api': './dist/main.js' } };
  writeFileSync(join(root, 'api', 'package.json'), JSON.stringify(pkg));
  if (api.built) writeFileSync(join(root, 'api', 'dist', 'main.js'), '');
  return join(root, 'cli', 'dist');
}

const failure = (from: string) => thrownBy(CliError, () => resolveApiEntry(from));

describe('resolveApiEntry', () => {
  it("finds the monorepo's built API through its package.json bin", () => {
    expect(resolveApiEntry(layout({ built: true }))).toMatch(/api[/\\]dist[/\\]main\.js$/);
  });

  it('says the API is not built, and how to build it, with exit 1', () => {
    const error = failure(layout({ built: false }));
    expect(error).toMatchObject({ code: 'runtime', exitCode: 1 });
    expect(error.message).toContain('pnpm --filter @reco/api build');
  });

  it('resolves the real API of this repository from the CLI sources', () => {
    const entry = resolveApiEntry();
    expect(entry.endsWith(join('apps', 'api', 'dist', 'main.js'))).toBe(true);
    expect(existsSync(entry)).toBe(true);
  });
});
