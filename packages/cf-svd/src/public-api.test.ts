import { type RecoError, topK } from '@reco/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  AlsModel,
  CfErrorCode,
  CfModel,
  FoldedMfUser,
  MfModel,
  RatingsInput,
  TopK,
  TopKItemsOptions,
  TruncatedSvd,
} from './index';
import * as cf from './index';

describe('public API', () => {
  it('re-exports core top-k under the names cf-svd always had', () => {
    expect(cf.topKItems).toBe(topK);
    expect(Array.from(cf.topKItems(Float32Array.of(0.1, 0.9, 0.5), { k: 2 }).items)).toEqual([1, 2]);
  });

  it('pins the public types', () => {
    expectTypeOf<InstanceType<typeof cf.CfError>>().toMatchTypeOf<RecoError<CfErrorCode>>();
    expectTypeOf<InstanceType<typeof cf.CfError>['code']>().toEqualTypeOf<CfErrorCode>();
    expectTypeOf<CfErrorCode>().toEqualTypeOf<
      | 'invalid-option'
      | 'invalid-input'
      | 'out-of-memory'
      | 'singular'
      | 'bad-model'
      | 'io'
      | 'kernels-missing'
    >();
    expectTypeOf(cf.trainMf).parameter(0).toMatchTypeOf<RatingsInput>();
    expectTypeOf(cf.trainMf).returns.resolves.toEqualTypeOf<MfModel>();
    expectTypeOf(cf.trainAls).returns.resolves.toEqualTypeOf<AlsModel>();
    expectTypeOf<MfModel['userFactors']>().toEqualTypeOf<Float32Array>();
    expectTypeOf<CfModel>().toEqualTypeOf<MfModel | AlsModel>();
    expectTypeOf(cf.foldInMf).returns.toEqualTypeOf<FoldedMfUser>();
    expectTypeOf(cf.randomizedSvd).returns.toEqualTypeOf<TruncatedSvd>();
    expectTypeOf(cf.topKItems).returns.toEqualTypeOf<TopK>();
    expectTypeOf<TopKItemsOptions['k']>().toEqualTypeOf<number>();
  });
});
