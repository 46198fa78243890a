import type { RecoError } from '@reco/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ClassificationReport,
  type ComparisonRow,
  classificationReport,
  type EvaluationError,
  type EvaluationErrorCode,
  type Labels,
  rocAuc,
  type Scores,
  selectThreshold,
  type ThresholdSelection,
  toComparisonRow,
} from './index';

describe('public types', () => {
  it('takes typed arrays and returns plain numbers and records', () => {
    expectTypeOf<Labels>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<Scores>().toEqualTypeOf<Float32Array | Float64Array>();
    expectTypeOf(rocAuc).returns.toEqualTypeOf<number>();
    expectTypeOf(classificationReport).returns.toEqualTypeOf<ClassificationReport>();
    expectTypeOf(selectThreshold).returns.toEqualTypeOf<ThresholdSelection>();
    expectTypeOf<ThresholdSelection['strategy']>().toEqualTypeOf<'max-f1' | 'fixed'>();
  });

  it('turns a report into a comparison row that keeps the chosen threshold', () => {
    expectTypeOf(toComparisonRow).parameter(0).toEqualTypeOf<ClassificationReport>();
    expectTypeOf(toComparisonRow).returns.toEqualTypeOf<ComparisonRow>();
    expectTypeOf<ComparisonRow['threshold']>().toEqualTypeOf<number>();
    expectTypeOf<ComparisonRow['split']>().toEqualTypeOf<'val' | 'test'>();
  });

  it('makes EvaluationError a RecoError with its own codes', () => {
    expectTypeOf<EvaluationError>().toExtend<RecoError<EvaluationErrorCode>>();
    expectTypeOf<EvaluationError['code']>().toEqualTypeOf<EvaluationErrorCode>();
    expectTypeOf<'empty-input'>().toExtend<EvaluationErrorCode>();
  });
});
