import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseGnuTime, runMeasured } from './measure';

describe('parseGnuTime', () => {
  it("reads the last line of -f '%e %U %S %M' after the child's own stderr", () => {
    expect(parseGnuTime('warning: x\n12.50 20.25 1.75 204800\n')).toEqual({
      wall: 12.5,
      cpu: 22,
      maxRssKib: 204800,
    });
  });
  it('returns null for anything else (a killed child leaves a "Command terminated" line)', () => {
    expect(parseGnuTime('Command terminated by signal 9\n')).toBeNull();
    expect(parseGnuTime('')).toBeNull();
  });
});

describe('runMeasured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-measure-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("measures a child that allocates ~200 MB: its own peak RSS, not this process's", async () => {
    const script = 'const b = Buffer.alloc(200 * 2 ** 20, 1); console.log(b[5]); console.error("done")';
    const cost = await runMeasured('alloc', process.execPath, ['-e', script], { cwd: dir, dir });
    expect(cost.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'alloc.stdout'), 'utf8')).toBe('1\n');
    expect(readFileSync(join(dir, 'alloc.stderr'), 'utf8')).toContain('done');
    expect(cost.wallSeconds).toBeGreaterThan(0);
    if (cost.method === 'gnu-time') {
      expect(cost.maxRssBytes!).toBeGreaterThan(200 * 2 ** 20);
      expect(cost.cpuSeconds!).toBeGreaterThan(0);
    }
  });

  it('reports a failing exit code', async () => {
    const cost = await runMeasured('fail', process.execPath, ['-e', 'process.exit(3)'], { cwd: dir, dir });
    expect(cost.exitCode).toBe(3);
  });
});
