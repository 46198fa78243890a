import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, it } from 'vitest';
import { rocAuc } from './internal/metrics';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const p = exports.p as Float32Array;
  expect(p).toHaveLength(200);
  // The rule is one threshold on the first column: the trees learn it.
  expect(rocAuc(exports.y as Uint8Array, p)).toBeGreaterThan(0.99);
});
