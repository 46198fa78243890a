// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));

describe('the browser suite without Chromium', () => {
  it('fails (exit 1) naming the install command, instead of skipping', () => {
    const run = spawnSync(process.execPath, ['--conditions=@reco/source', '--import', 'tsx', 'e2e/run.ts'], {
      cwd: here,
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Chromium not found at /nonexistent/chromium');
    expect(run.stderr).toContain('apt-get install -y chromium');
  }, 90_000);
});
