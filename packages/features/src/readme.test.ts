import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, expectTypeOf, it } from 'vitest';
import type { FeatureError, FeatureErrorCode, FeatureMatrix, Split, SplitMethod } from './index';
import { netflixProbeSplit } from './index';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  const split = exports.split as Split;
  const features = exports.features as FeatureMatrix;
  expect(features.nRows).toBe(split.train.length);
  expect(features.names).toHaveLength(features.nCols);
  expect((exports.labels as Uint8Array).length).toBe(split.train.length);
});

it('pins the public types', () => {
  expectTypeOf<FeatureError['code']>().toEqualTypeOf<FeatureErrorCode>();
  expectTypeOf<'netflix-probe'>().toMatchTypeOf<SplitMethod>();
  expectTypeOf(netflixProbeSplit).returns.toEqualTypeOf<Split>();
});
