import type { OnProgress as CoreOnProgress, Progress as CoreProgress, RecoError } from '@reco/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Classifier,
  loadClassifierFromBytes,
  ModelError,
  type ModelErrorCode,
  type OnProgress,
  type PredictVia,
  type Progress,
  type XGBoostClassifier,
} from './index';

describe('public types', () => {
  it('makes ModelError a RecoError with the models codes, constructed as before', () => {
    expectTypeOf<ModelError>().toExtend<RecoError<ModelErrorCode>>();
    expectTypeOf<ModelError['code']>().toEqualTypeOf<ModelErrorCode>();
    expectTypeOf(ModelError).constructorParameters.toExtend<
      [ModelErrorCode, string, ({ cause?: unknown } | undefined)?]
    >();
  });

  it("uses core's Progress shape", () => {
    expectTypeOf<Progress>().toEqualTypeOf<CoreProgress>();
    expectTypeOf<OnProgress>().toEqualTypeOf<CoreOnProgress>();
  });

  it('keeps the loaders and scoring paths', () => {
    expectTypeOf(loadClassifierFromBytes).returns.toEqualTypeOf<Classifier>();
    expectTypeOf<PredictVia>().toEqualTypeOf<'auto' | 'wasm' | 'typescript' | 'in-place' | 'dmatrix'>();
    expectTypeOf<XGBoostClassifier['predictProba']>().parameter(0).toEqualTypeOf<Float32Array>();
  });
});
