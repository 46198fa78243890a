import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../program';
import { parseModels } from './train';

/** Runs `reco ...` in-process and captures what it writes to stderr. */
async function reco(...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: await runCli(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

const out = join(tmpdir(), `reco-cli-train-never-${process.pid}`);
afterEach(() => {
  // A usage error must fail before any work, so nothing is ever written.
  expect(existsSync(out)).toBe(false);
});

describe('reco train: argument errors fail fast', () => {
  it('rejects an unknown model, naming it and the known ones', async () => {
    const { code, stderr } = await reco('train', '--models', 'lr,svm', '--out', out, '--quiet');
    expect(code).not.toBe(0);
    expect(stderr).toContain('unknown model "svm" in --models; choose from lr, rf, xgb');
  });

  it('rejects a like threshold outside the rating scale', async () => {
    for (const threshold of ['7', '0.5', '-1']) {
      const { code, stderr } = await reco('train', '--like-threshold', threshold, '--out', out, '--quiet');
      expect(code).not.toBe(0);
      expect(stderr).toContain(`--like-threshold ${Number(threshold)} is outside the rating scale`);
    }
    const { code, stderr } = await reco('train', '--like-threshold', 'high', '--out', out);
    expect(code).not.toBe(0);
    expect(stderr).toContain('"high" is not a number');
  });

  it('rejects an unknown split or tuning mode with the allowed choices', async () => {
    const split = await reco('train', '--split', 'weekly', '--out', out);
    expect(split.code).not.toBe(0);
    expect(split.stderr).toMatch(/weekly.*random, user-time, time/s);
    const tune = await reco('train', '--tune', 'bayes', '--out', out);
    expect(tune.code).not.toBe(0);
    expect(tune.stderr).toMatch(/bayes.*none, grid, random, both/s);
  });

  it('rejects a dataset that does not exist and a bad sample size', async () => {
    const data = await reco('train', '--data', 'no-such-folder', '--out', out, '--quiet');
    expect(data.code).not.toBe(0);
    expect(data.stderr).toContain('no-such-folder');
    const sample = await reco('train', '--train-sample', '0', '--out', out);
    expect(sample.code).not.toBe(0);
    expect(sample.stderr).toContain('"0" is not a positive integer');
  });
});

describe('reco evaluate', () => {
  it('fails with one readable line when the artifacts folder is missing', async () => {
    const { code, stderr } = await reco('evaluate', '--artifacts', out, '--quiet');
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`--artifacts ${out}: no such folder`);
    expect(stderr).not.toContain('ENOENT');
  });
});

describe('parseModels', () => {
  it('trims, accepts every known model and rejects an empty list', () => {
    expect(parseModels(' xgb, lr ')).toEqual(['xgb', 'lr']);
    expect(() => parseModels(' , ')).toThrow('--models is empty');
  });
});
