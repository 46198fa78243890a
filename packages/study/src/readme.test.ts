import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, expectTypeOf, it } from 'vitest';
import type { StageName } from './study-stages';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(exports.nFeatures as number).toBeGreaterThan(10);
  expectTypeOf<'features'>().toMatchTypeOf<StageName>();
}, 300_000);
