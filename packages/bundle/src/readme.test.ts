import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, expectTypeOf, it } from 'vitest';
import type { BundleErrorCode } from './errors';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect(exports.model).toEqual({ kind: 'logistic' });
  expectTypeOf<BundleErrorCode>().toEqualTypeOf<
    'bad-artifacts' | 'bad-manifest' | 'unsupported-version' | 'config'
  >();
});
