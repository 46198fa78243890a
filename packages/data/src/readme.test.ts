import { fileURLToPath } from 'node:url';
import { runReadmeExample } from '@reco/core/testing';
import { expect, expectTypeOf, it } from 'vitest';
import type { DataError, DataErrorCode, Dataset, LoadReport, PredefinedSplit } from './index';

it('runs the README example as a user would import it', async () => {
  const exports = await runReadmeExample(fileURLToPath(new URL('..', import.meta.url)));
  expect((exports.dataset as Dataset).ratings.length).toBe(8);
  expect(exports.likeAt).toBe(4);
  expect((exports.summary as { ratings: number }).ratings).toBe(8);
});

it('pins the public types', () => {
  expectTypeOf<DataError['code']>().toEqualTypeOf<DataErrorCode>();
  expectTypeOf<LoadReport['suggestedLikeThreshold']>().toEqualTypeOf<number>();
  expectTypeOf<Dataset['predefinedSplit']>().toEqualTypeOf<PredefinedSplit | undefined>();
  expectTypeOf<PredefinedSplit['test']>().toEqualTypeOf<Uint32Array>();
});
