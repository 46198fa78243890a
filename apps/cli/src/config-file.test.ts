import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { thrownBy } from '@reco/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { CliError } from './cli-error';
import { loadConfigFile } from './config-file';
import { runCli } from './program';

const dir = mkdtempSync(join(tmpdir(), 'reco-cli-config-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** `reco ...` in-process, with what it prints. */
async function reco(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const cliErrorOf = (work: () => unknown) => thrownBy(CliError, work);

describe('loadConfigFile', () => {
  it('reads YAML and JSON alike, with paths relative to the file', () => {
    const yaml = loadConfigFile(file('a.yaml', 'models: [lr]\nout: ./bundle\ndata: ml-latest-small\n'));
    expect(yaml).toEqual({ models: ['lr'], out: join(dir, 'bundle'), data: 'ml-latest-small' });
    const json = loadConfigFile(file('a.json', '{"models": ["lr"], "data": "../here", "memoryLimit": "2G"}'));
    expect(json).toEqual({ models: ['lr'], data: join(dir, '../here'), memoryLimit: 2e9 });
  });

  it('names the file, the line and the key path of a bad value (exit 2)', () => {
    const path = file('bad.yaml', 'tune: none\nsearch:\n  xgb:\n    grid:\n      maxDepth: [6, 0]\n');
    const error = cliErrorOf(() => loadConfigFile(path));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `${path}:5: search.xgb.grid.maxDepth[1]: expected an integer from 1 to 64 (got 0)`,
    );
    const unknown = cliErrorOf(() => loadConfigFile(file('typo.json', '{\n  "seed": 1,\n  "sed": 2\n}\n')));
    expect(unknown.message).toMatch(/typo\.json:3: sed: unknown key; expected one of data, /);
  });

  it('reports bad syntax with its line, and a missing file as exit 1 without errno text', () => {
    const syntax = cliErrorOf(() => loadConfigFile(file('s.yaml', 'models: [lr\nseed: 1\n')));
    expect(syntax.message).toMatch(/s\.yaml:\d+: not valid YAML/);
    const duplicate = cliErrorOf(() => loadConfigFile(file('d.json', '{"seed": 1, "seed": 2}')));
    expect(duplicate.message).toContain('not valid JSON');
    const missing = cliErrorOf(() => loadConfigFile(join(dir, 'none.yaml')));
    expect(missing.exitCode).toBe(1);
    expect(missing.message).not.toContain('ENOENT');
    expect(cliErrorOf(() => loadConfigFile(file('c.toml', ''))).message).toContain('.json, .yaml, .yml');
  });
});

describe('reco train --print-config', () => {
  it('prints the file merged under the flags that were given, and nothing else runs', async () => {
    const config = file('p.yaml', 'seed: 9\ntune: grid\nmodels: [lr, xgb]\nrankingUsers: 50\n');
    const { code, stdout } = await reco('train', '-c', config, '--tune', 'none', '--print-config');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    // --tune was given, so it wins; --seed and --models were left at their defaults, so the file's stay.
    expect(printed).toMatchObject({ tune: 'none', seed: 9, models: ['lr', 'xgb'], rankingUsers: 50 });
    expect(printed.likeThreshold).toBeNull();
    expect(String(printed.data)).toMatch(/datasets[\\/]ml-latest-small$/);
  });

  it('prints what it would run with no file, and that output reads back as a config', async () => {
    const first = await reco('train', '--print-config', '--seed', '3');
    expect(first.code).toBe(0);
    const again = await reco('train', '-c', file('round.json', first.stdout), '--print-config');
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(first.stdout));
  });

  it('a bad config is a usage error before any work', async () => {
    const { code, stderr } = await reco('train', '-c', file('x.yaml', 'split: weekly\n'), '--print-config');
    expect(code).toBe(2);
    expect(stderr).toContain(
      'x.yaml:1: split: expected one of "random", "user-time", "time", "netflix-probe"',
    );
  });
});
