import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const p = exports.p as Float32Array;
  // Row 1: -1 + 0.5 · 2 + 0.25 · 4 = 1; row 2: the missing age takes its mean 2: -1 + 1 + 0.75.
  expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
  expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-0.75)), 6);
});
