/**
 * Same seed, same model as before the kernels moved to AssemblyScript and the RNG, top-k and worker
 * pool to @reco/core. RECORDED was printed by `fingerprints()` on main at 23d3b5f.
 */
import { describe, expect, it } from 'vitest';
import { fingerprints } from './test-golden';

describe('same seed, same model as before the migration', () => {
  it('matches the fingerprints recorded on main', { timeout: 120_000 }, async () => {
    expect(await fingerprints()).toEqual(RECORDED);
  });
});

const RECORDED: Record<string, string> = {
  'mf-threads-1': '58392c0b0c49478c',
  'als-threads-1': '83f9afc5631a4170',
  'mf-threads-2': '58392c0b0c49478c',
  'als-threads-2': '83f9afc5631a4170',
  oof: '9da9ffca4c4b7f27',
  svd: '47c7db0690632921',
};
