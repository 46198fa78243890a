import type { AlsModel } from '@reco/cf-svd';
import type { RecoError } from '@reco/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  buildInteractions,
  type EaseModel,
  fitRetriever,
  type InteractionMatrix,
  type ItemKnnModel,
  type PopularityModel,
  RETRIEVER_KINDS,
  type RetrievalError,
  type RetrievalErrorCode,
  type Retriever,
  type RetrieverKind,
  type RetrieverParams,
  type Rp3betaModel,
  recommendAll,
  scoreNewUser,
  type TopNLists,
} from './index';

describe('public types', () => {
  it('makes a retriever plain data told apart by kind', () => {
    expectTypeOf<Retriever>().toEqualTypeOf<
      PopularityModel | EaseModel | ItemKnnModel | Rp3betaModel | AlsModel
    >();
    expectTypeOf<RetrieverKind>().toEqualTypeOf<'popularity' | 'ease' | 'item-knn' | 'rp3beta' | 'als'>();
    expectTypeOf(RETRIEVER_KINDS).toEqualTypeOf<readonly RetrieverKind[]>();
    expectTypeOf<keyof RetrieverParams>().toEqualTypeOf<RetrieverKind>();
  });

  it('pins the fit and score signatures', () => {
    expectTypeOf(buildInteractions).returns.toEqualTypeOf<InteractionMatrix>();
    expectTypeOf(fitRetriever<'ease'>)
      .parameter(1)
      .toEqualTypeOf<RetrieverParams['ease']>();
    expectTypeOf(fitRetriever).returns.toEqualTypeOf<Promise<Retriever>>();
    expectTypeOf(scoreNewUser).parameter(3).toEqualTypeOf<Float32Array>();
    expectTypeOf(recommendAll).returns.toEqualTypeOf<TopNLists>();
    expectTypeOf<TopNLists['items']>().toEqualTypeOf<Uint32Array>();
  });

  it('makes RetrievalError a RecoError with its own codes', () => {
    expectTypeOf<RetrievalError>().toExtend<RecoError<RetrievalErrorCode>>();
    expectTypeOf<RetrievalError['code']>().toEqualTypeOf<RetrievalErrorCode>();
  });
});
