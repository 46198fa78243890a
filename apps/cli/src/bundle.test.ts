/**
 * The commands that read an artifact bundle, end to end: one small bundle is trained once with
 * the built `reco` (synthetic data, `--tune none`), then recommend, evaluate and serve run on it.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from './program';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/reco.js');
const work = mkdtempSync(join(tmpdir(), 'reco-cli-bundle-'));
const bundle = join(work, 'artifacts');
const config = join(work, 'reco.config.yaml');

async function run(
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd: root, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const reco = (...args: string[]) => run(process.execPath, [bin, ...args]);

interface Item {
  movieId: number;
  score: number;
}

beforeAll(async () => {
  if (!existsSync(join(root, 'apps/cli/dist/bin.js'))) throw new Error('run "pnpm build" first');
  const data = join(work, 'synth');
  const made = await reco(
    'synth',
    '--ratings',
    '6000',
    '--users',
    '120',
    '--movies',
    '300',
    '--seed',
    '3',
    '-o',
    data,
    '--quiet',
  );
  expect(made.code, made.stderr).toBe(0);
  // The settings come from a YAML config, the paths from flags: both ways in one run.
  writeFileSync(config, 'tune: none\nmodels: [lr, rf]\ncf: off\nseed: 5\n');
  const trained = await reco('train', '--config', config, '-d', data, '-o', bundle, '--quiet');
  expect(trained.code, trained.stderr).toBe(0);
});

describe('reco train --config', () => {
  it("trains with the YAML file's settings and records them, resolved, in the manifest", () => {
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as {
      config: Record<string, unknown>;
      models: { model: string; variant: string }[];
    };
    expect(manifest.config).toMatchObject({ tune: 'none', models: ['lr', 'rf'], cf: 'off', seed: 5 });
    expect(manifest.models.map((m) => `${m.model} ${m.variant}`).sort()).toEqual([
      'lr baseline',
      'rf baseline',
    ]);
    expect(manifest.config.search).toHaveProperty('xgb.grid');
  });
});

describe('reco recommend over a bundle', () => {
  it('`pnpm exec reco recommend -u 1 -n 5 --json` prints parseable JSON', async () => {
    const { code, stdout } = await run('pnpm', [
      'exec',
      'reco',
      'recommend',
      '-a',
      bundle,
      '-u',
      '1',
      '-n',
      '5',
      '--json',
    ]);
    expect(code).toBe(0);
    const items = JSON.parse(stdout) as Item[];
    expect(items).toHaveLength(5);
    expect(items.map((i) => i.score)).toEqual([...items.map((i) => i.score)].sort((a, b) => b - a));
  });

  it('--rate and --ratings recommend for a new user by fold-in, leaving out what they rated', async () => {
    const rate = await reco('recommend', '-a', bundle, '--rate', '1=5,7=4.5,12=1', '-n', '8', '--json');
    expect(rate.code, rate.stderr).toBe(0);
    const byRate = JSON.parse(rate.stdout) as Item[];
    expect(byRate).toHaveLength(8);
    expect(byRate.map((i) => i.movieId)).not.toEqual(expect.arrayContaining([1]));
    for (const id of [1, 7, 12]) expect(byRate.some((i) => i.movieId === id)).toBe(false);
    const file = join(work, 'me.csv');
    writeFileSync(file, 'movieId,rating\n1,5\n7,4.5\n12,1\n');
    const byFile = await reco('recommend', '-a', bundle, '--ratings', file, '-n', '8', '--json');
    expect(byFile.code, byFile.stderr).toBe(0);
    expect(JSON.parse(byFile.stdout)).toEqual(byRate);
    // Different tastes give a different list: the ratings are really used.
    const other = await reco('recommend', '-a', bundle, '--rate', '1=0.5,7=0.5,12=5', '-n', '8', '--json');
    expect(JSON.parse(other.stdout)).not.toEqual(byRate);
  });

  it('an unknown user exits 1 and is pointed to --rate, not to a library function', async () => {
    const { code, stderr } = await reco('recommend', '-a', bundle, '-u', '999999');
    expect(code).toBe(1);
    expect(stderr).toContain('--rate');
    expect(stderr).not.toContain('recommendForRatings');
  });

  it('an unknown genre or an unknown rated movie is a usage error, exit 2 and 1', async () => {
    expect((await reco('recommend', '-a', bundle, '-u', '1', '--genres', 'Dramaa')).code).toBe(2);
    expect((await reco('recommend', '-a', bundle, '--rate', '999999=4')).code).toBe(1);
  });

  it('--artifacts naming a file says so, without ENOTDIR', async () => {
    const { code, stderr } = await reco('recommend', '-a', join(bundle, 'manifest.json'), '-u', '1');
    expect(code).toBe(1);
    expect(stderr).toContain('is a file, not a folder');
    expect(stderr).not.toContain('ENOTDIR');
  });
});

describe('colour on a terminal', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  /** `reco evaluate` in-process with stdout pretending to be a terminal; returns what it printed. */
  async function evaluateOnTty(env: Record<string, string>): Promise<string> {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    vi.stubEnv('FORCE_COLOR', env.FORCE_COLOR ?? undefined);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const had = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    try {
      expect(await runCli(['evaluate', '-a', bundle, '--quiet'])).toBe(0);
    } finally {
      if (had) Object.defineProperty(process.stdout, 'isTTY', had);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
    return out;
  }

  it('colours the table on a terminal, and NO_COLOR=1 leaves no escape codes', async () => {
    expect(await evaluateOnTty({ NO_COLOR: '' })).toContain('\x1b[');
    const plain = await evaluateOnTty({ NO_COLOR: '1' });
    expect(plain).toContain('re-scored');
    expect(plain).not.toContain('\x1b');
  });
});

/** Resolves when nothing accepts connections on `port` any more. */
function portClosed(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

describe('reco serve', () => {
  it('serves the bundle, prints its URL, and exits 0 on SIGTERM with the port freed', async () => {
    const child = spawn(process.execPath, [bin, 'serve', '-a', bundle, '-p', '0'], {
      cwd: root,
      env: { ...process.env, RECO_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const url = await new Promise<string>((found, fail) => {
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        const match = /listening on (http:\/\/\S+)/.exec(stderr);
        if (match) found(match[1]!);
      });
      child.once('exit', () => fail(new Error(`reco serve exited early: ${stderr}`)));
    });
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const recs = await fetch(`${url}/v1/users/1/recommendations?n=3`);
    expect(((await recs.json()) as { items: unknown[] }).items).toHaveLength(3);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portClosed(Number(new URL(url).port))).toBe(true);
  });

  it('fails clearly, exit 1, when the artifacts folder is missing', async () => {
    const { code, stderr } = await reco('serve', '-a', join(work, 'none'), '-p', '0');
    expect(code).toBe(1);
    expect(stderr).toContain('no such folder');
  });
});
