import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'apps/cli/bin/reco.js');
const version = (JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8')) as { version: string })
  .version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command args` from the repo root and returns its exit code and output. */
async function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the built CLI the way the `reco` bin does. */
const reco = (...args: string[]) => run(process.execPath, [bin, ...args]);

describe('reco (built binary)', () => {
  beforeAll(() => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run "pnpm build" first`);
  });

  it('--version and -V print the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const { code, stdout } = await reco(flag);
      expect(code).toBe(0);
      expect(stdout).toBe(`${version}\n`);
    }
  });

  it('--json stdout parses through every documented way of running reco', async () => {
    // `pnpm reco` without -s prints pnpm's `> reco-monorepo@ reco` banner on stdout: not documented.
    const ways: [string, string[]][] = [
      ['pnpm', ['exec', 'reco']],
      ['pnpm', ['-s', 'reco']],
      ['npx', ['--no', 'reco']],
      [process.execPath, [bin]],
    ];
    for (const [command, prefix] of ways) {
      const { code, stdout } = await run(command, [...prefix, 'info', 'ml-latest-small', '--json']);
      expect(code, `${command} ${prefix.join(' ')}`).toBe(0);
      expect(JSON.parse(stdout).ratings, `${command} ${prefix.join(' ')}`).toBe(100836);
    }
  });

  it('installs globally from the repo as a working reco command', async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'reco-cli-global-'));
    const installed = await run('npm', ['install', '-g', '--prefix', prefix, './apps/cli']);
    expect(installed.code, installed.stderr).toBe(0);
    const { code, stdout } = await run(join(prefix, 'bin', 'reco'), ['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  it('prints user input with terminal escape sequences escaped', async () => {
    const evil = '\x1b[2J\x1b[31mevil';
    for (const args of [
      ['info', evil],
      ['info', 'ml-latest-small', `--${evil}`],
    ]) {
      const { code, stderr } = await reco(...args);
      expect(code).not.toBe(0);
      expect(stderr).toContain('\\x1b[2J\\x1b[31mevil');
      expect(stderr).not.toContain('\x1b');
    }
  });

  it('info --json reports the bundled ml-latest-small counts', async () => {
    const { code, stdout } = await reco('info', 'datasets/ml-latest-small', '--json', '--no-cache');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ users: 610, movies: 9742, ratings: 100836 });
    expect(summary.meanRating).toBeCloseTo(3.5016, 3);
    expect(summary.histogram.reduce((s: number, h: { count: number }) => s + h.count, 0)).toBe(100836);
  });

  it('info resolves a release name to datasets/<name>', async () => {
    const { code, stdout } = await reco('info', 'ml-latest-small', '--no-cache');
    expect(code).toBe(0);
    expect(stdout).toContain('100,836');
    expect(stdout).toContain('rating histogram');
  });

  it('fails with one readable line for an unknown dataset', async () => {
    const { code, stderr } = await reco('info', 'no-such-folder');
    expect(code).not.toBe(0);
    expect(stderr.trim()).toMatch(
      /^error: "no-such-folder" is neither a folder nor a dataset in .*datasets \(releases: ml-100k, /,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names the download command for a release that is not there yet', async () => {
    const { code, stderr } = await reco('info', 'ml-25m');
    expect(code).toBe(1);
    expect(stderr).toContain('pnpm reco download ml-25m');
  });

  it('rejects an unknown release for download without touching the network', async () => {
    const { code, stderr } = await reco('download', 'ml-3m');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown release "ml-3m"');
  });

  it('rejects a non-numeric size for synth', async () => {
    const { code, stderr } = await reco('synth', '--ratings', 'lots', '--out', '/tmp/never');
    expect(code).toBe(2);
    expect(stderr).toContain('"lots" is not a positive integer');
  });

  it('synth writes a dataset that info then reads back', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'reco-cli-')), 'synth');
    const made = await reco(
      'synth',
      '--ratings',
      '5000',
      '--users',
      '100',
      '--movies',
      '300',
      '--seed',
      '3',
      '--out',
      out,
      '--json',
    );
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).params).toMatchObject({ ratings: 5000, seed: 3 });
    const { code, stdout } = await reco('info', out, '--json', '--no-cache');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).ratings).toBe(5000);
  });

  it('reports bad data with file, line and field, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-cli-bad-'));
    writeFileSync(join(dir, 'movies.csv'), 'movieId,title,genres\n1,Toy Story (1995),Comedy\n');
    writeFileSync(
      join(dir, 'ratings.csv'),
      'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,abc,964982703\n',
    );
    const { code, stderr } = await reco('info', dir, '--no-cache');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: ratings\.csv:3: .*rating.*"abc"/);
    expect(stderr).not.toContain('    at ');
  });
});
