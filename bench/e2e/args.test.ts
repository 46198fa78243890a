import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('defaults to one 1M run with Python, seed 7 and a 2M training sample', () => {
    expect(parseArgs([])).toEqual({
      sizes: [1_000_000],
      keep: false,
      python: true,
      parallel: false,
      markdown: false,
      fromResults: false,
      cpuProf: null,
      trainSample: 2_000_000,
      seed: 7,
    });
  });

  it('reads --sizes as a list and the switches', () => {
    const o = parseArgs(['--', '--sizes', '1000000,5_000_000', '--keep', '--no-python', '--cpu-prof', 'p']);
    expect(o).toMatchObject({ sizes: [1_000_000, 5_000_000], keep: true, python: false, cpuProf: 'p' });
  });

  it('rejects a size that is not a positive integer and an unknown flag, with a stable code', () => {
    for (const argv of [['--ratings', '1e'], ['--ratings', '-5'], ['--sizes', '1000,'], ['--fast']]) {
      try {
        parseArgs(argv);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        expect((e as UsageError).code).toBe('E2E_USAGE');
      }
    }
  });
});
