import type { RecoError } from '@reco/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  loadScorerFromBytes,
  loadTreeScorer,
  type Scorer,
  type ScoringError,
  type ScoringErrorCode,
  type TreeEngine,
  type TreeScorer,
} from './index';

describe('public types', () => {
  it('pins the Scorer interface serving codes against', () => {
    expectTypeOf(loadScorerFromBytes).parameter(0).toEqualTypeOf<Uint8Array>();
    expectTypeOf(loadScorerFromBytes).returns.toEqualTypeOf<Scorer>();
    expectTypeOf<Scorer['kind']>().toEqualTypeOf<'xgboost' | 'random-forest' | 'logistic'>();
    expectTypeOf<Scorer['nFeatures']>().toEqualTypeOf<number>();
    expectTypeOf<Scorer['featureNames']>().toEqualTypeOf<readonly string[] | null>();
    expectTypeOf<Scorer['predictProba']>().toEqualTypeOf<(X: Float32Array, nRows: number) => Float32Array>();
  });

  it('makes a TreeScorer a Scorer that names its engine', () => {
    expectTypeOf<TreeScorer>().toExtend<Scorer>();
    expectTypeOf<TreeScorer['engine']>().toEqualTypeOf<TreeEngine>();
    expectTypeOf(loadTreeScorer).returns.toEqualTypeOf<TreeScorer>();
  });

  it('makes ScoringError a RecoError with its own codes', () => {
    expectTypeOf<ScoringError>().toExtend<RecoError<ScoringErrorCode>>();
    expectTypeOf<ScoringError['code']>().toEqualTypeOf<ScoringErrorCode>();
    expectTypeOf<ScoringErrorCode>().toEqualTypeOf<
      'invalid-model' | 'unsupported-model' | 'invalid-input' | 'kernel-unavailable'
    >();
  });
});
