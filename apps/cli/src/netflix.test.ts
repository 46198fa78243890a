/**
 * The Netflix Prize layout end to end through the built `reco`: `synth --layout netflix` writes
 * the folder, `info` reads it, and `train --split netflix-probe` tests on probe.txt's rows with the
 * whole-star like threshold 4 taken from the data.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/reco.js');
const work = mkdtempSync(join(tmpdir(), 'reco-cli-netflix-'));
const data = join(work, 'nf');

async function reco(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let probe = 0;
beforeAll(async () => {
  if (!existsSync(join(root, 'apps/cli/dist/bin.js'))) throw new Error('run "pnpm build" first');
  const made = await reco(
    'synth',
    '--layout',
    'netflix',
    '--ratings',
    '20000',
    '--users',
    '400',
    '--movies',
    '200',
    '--seed',
    '5',
    '-o',
    data,
    '--json',
  );
  expect(made.code, made.stderr).toBe(0);
  const written = JSON.parse(made.stdout) as { layout: string; ratings: number; probe: number };
  expect(written).toMatchObject({ layout: 'netflix', ratings: 20000 });
  probe = written.probe;
  expect(probe).toBeGreaterThan(0);
}, 60_000);

describe('the Netflix Prize layout through the CLI', () => {
  it('info reads the generated folder in its own layout', async () => {
    const { code, stdout } = await reco('info', data, '--json', '--no-cache');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { ratings: number; layout: string };
    expect(summary.ratings).toBe(20000);
    expect(summary.layout).toMatch(/netflix/);
  });

  it('train --split netflix-probe tests on the probe rows with like threshold 4', async () => {
    const out = join(work, 'artifacts');
    const { code, stdout, stderr } = await reco(
      'train',
      '-d',
      data,
      '--split',
      'netflix-probe',
      '--tune',
      'none',
      '--models',
      'lr',
      '--no-cf',
      '-o',
      out,
      '--json',
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { split: { method: string; counts: { test: number } } };
    expect(result.split.method).toBe('netflix-probe');
    expect(result.split.counts.test).toBe(probe);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      config?: { likeThreshold?: number };
    };
    expect(JSON.stringify(manifest)).toContain('"likeThreshold":4');
  }, 120_000);

  it('train --split netflix-probe on a MovieLens folder is a clear error naming the split', async () => {
    const { code, stderr } = await reco(
      'train',
      '--split',
      'netflix-probe',
      '--tune',
      'none',
      '-o',
      join(work, 'x'),
    );
    expect(code).not.toBe(0);
    expect(stderr).toContain('split netflix-probe needs a Netflix Prize folder with probe.txt');
    expect(existsSync(join(work, 'x'))).toBe(false);
  });
});
