import { type ChildProcess, spawn } from 'node:child_process';
import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { copyArtifacts, testArtifacts } from './testing/server';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs `src/main.ts` as the service would run (from sources, so no build is needed). */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=@reco/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: API_ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', RECO_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  /** Resolves with the first log line matching `test`. */
  const logLine = (test: (entry: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const scan = () => {
        for (const line of stdout.split('\n')) {
          if (!line.startsWith('{')) continue;
          const entry = JSON.parse(line) as Record<string, unknown>;
          if (test(entry)) return resolve(entry);
        }
      };
      child.stdout.on('data', scan);
      child.on('exit', () => reject(new Error(`exited before the log line; stderr: ${stderr}`)));
      scan();
    });
  return { child, exited, logLine, output: () => ({ stdout, stderr }) };
}

describe('the executable', () => {
  it('exits 1 with a clear message when the artifacts are missing', async () => {
    const run = runMain({ RECO_ARTIFACTS: '/nonexistent/reco-artifacts' });
    expect(await run.exited).toBe(1);
    const { stderr } = run.output();
    expect(stderr).toContain('reco-api: cannot start:');
    expect(stderr).toContain('/nonexistent/reco-artifacts');
    expect(stderr).toContain('run `reco train` first');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming the corrupt file', async () => {
    const bundle = await copyArtifacts();
    try {
      await appendFile(join(bundle.dir, 'models', (await modelFile(bundle.dir)) ?? 'missing'), ' ');
      const run = runMain({ RECO_ARTIFACTS: bundle.dir });
      expect(await run.exited).toBe(1);
      expect(run.output().stderr).toMatch(/cannot start: .*models\/.+\.json/);
    } finally {
      await bundle.remove();
    }
  });

  it('exits 1 on a bad setting, naming the variable', async () => {
    const run = runMain({ RECO_ARTIFACTS: testArtifacts(), PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toContain('PORT must be a whole number');
  });

  it('serves, logs with request ids, and exits 0 on SIGTERM', async () => {
    const run = runMain({ RECO_ARTIFACTS: testArtifacts() });
    const listening = await run.logLine(
      (e) => typeof e.msg === 'string' && e.msg.startsWith('Server listening at'),
    );
    const base = String(listening.msg).replace('Server listening at ', '');
    const response = await fetch(`${base}/v1/users/1/recommendations?n=2`, {
      headers: { 'x-request-id': 'main-1' },
    });
    expect(response.status).toBe(200);
    const completed = await run.logLine((e) => e.requestId === 'main-1' && e.msg === 'request completed');
    expect(completed).toMatchObject({ level: 30, res: { statusCode: 200 } });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output().stdout).toContain('shutting down');
  });
});

async function modelFile(dir: string): Promise<string | undefined> {
  return (await readdir(join(dir, 'models'))).find((f) => f.endsWith('.json'));
}
