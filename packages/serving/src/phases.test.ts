import { describe, expect, it } from 'vitest';
import { type Phases, runAtOnce, runInSlices } from './phases';

function* counted(log: string[]): Phases<number> {
  log.push('a');
  yield;
  log.push('b');
  yield;
  log.push('c');
  return 3;
}

describe('phases', () => {
  it('runAtOnce runs every phase synchronously', () => {
    const log: string[] = [];
    expect(runAtOnce(counted(log))).toBe(3);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('runInSlices lets other callbacks run between phases', async () => {
    const log: string[] = [];
    const done = runInSlices(counted(log));
    setImmediate(() => log.push('request'));
    expect(await done).toBe(3);
    expect(log.indexOf('request')).toBeGreaterThan(0);
    expect(log.indexOf('request')).toBeLessThan(log.indexOf('c'));
  });

  it('runInSlices rejects with what a phase throws', async () => {
    function* failing(): Phases<number> {
      yield;
      throw new Error('bad phase');
    }
    await expect(runInSlices(failing())).rejects.toThrow('bad phase');
  });
});
