import type { RecoError } from '@reco/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ClientError,
  type ClientErrorCode,
  createRecoClient,
  isClientError,
  type MovieSummaryBody,
  type NewUserRecommendationsBody,
  type PredictionsBody,
  type ProblemBody,
  type RatedMovieBody,
  type RecoClient,
  type RecoClientOptions,
  type RecommendationItemBody,
  type Strategy,
  type UserRecommendationsBody,
  type UserRecommendationsOptions,
} from './index';
import type { STRATEGIES } from './schemas';

describe('public types', () => {
  it('derives the answer types from the schemas, as plain records with readonly lists', () => {
    expectTypeOf<RecommendationItemBody>().toEqualTypeOf<{
      movieId: number;
      title: string;
      year: number | null;
      genres: readonly string[];
      score: number;
      reason: string;
    }>();
    expectTypeOf<UserRecommendationsBody['items']>().toEqualTypeOf<readonly RecommendationItemBody[]>();
    expectTypeOf<UserRecommendationsBody['userId']>().toEqualTypeOf<number>();
    // A new user has no id; both lists may be the popularity fallback.
    expectTypeOf<NewUserRecommendationsBody>().not.toHaveProperty('userId');
    expectTypeOf<UserRecommendationsBody['strategy']>().toEqualTypeOf<Strategy | 'popular'>();
    expectTypeOf<MovieSummaryBody['imdbId']>().toEqualTypeOf<string | null>();
    expectTypeOf<MovieSummaryBody['meanRating']>().toEqualTypeOf<number | null>();
    expectTypeOf<RatedMovieBody['date']>().toEqualTypeOf<string>();
    expectTypeOf<PredictionsBody['predictions'][number]>().toEqualTypeOf<{
      movieId: number;
      probability: number;
      like: boolean;
    }>();
  });

  it('names every strategy a request may ask for, from the one list the server validates against', () => {
    expectTypeOf<Strategy>().toEqualTypeOf<(typeof STRATEGIES)[number]>();
    expectTypeOf<Strategy>().toEqualTypeOf<
      'classifier' | 'cf' | 'hybrid' | 'ease' | 'item-knn' | 'rp3beta' | 'als' | 'popularity'
    >();
    expectTypeOf<UserRecommendationsOptions>().toEqualTypeOf<{
      n?: number;
      strategy?: Strategy;
      genres?: string[];
      minYear?: number;
      maxYear?: number;
    }>();
  });

  it('pins the client: one options object in, typed promises out', () => {
    expectTypeOf(createRecoClient).parameters.toEqualTypeOf<[options?: RecoClientOptions]>();
    expectTypeOf(createRecoClient).returns.toEqualTypeOf<RecoClient>();
    expectTypeOf<RecoClientOptions>().toEqualTypeOf<{
      readonly baseUrl?: string;
      readonly fetch?: typeof fetch;
    }>();
    expectTypeOf<RecoClient['recommendations']>().parameters.toEqualTypeOf<
      [userId: number, options?: UserRecommendationsOptions]
    >();
    expectTypeOf<RecoClient['recommendations']>().returns.toEqualTypeOf<Promise<UserRecommendationsBody>>();
    expectTypeOf<RecoClient['movie']>().returns.toEqualTypeOf<Promise<MovieSummaryBody>>();
  });

  it('makes ClientError a RecoError with its own codes, and isClientError a guard', () => {
    expectTypeOf<ClientError>().toExtend<RecoError<ClientErrorCode>>();
    expectTypeOf<ClientError['code']>().toEqualTypeOf<ClientErrorCode>();
    expectTypeOf<ClientErrorCode>().toEqualTypeOf<
      'invalid-input' | 'unreachable' | 'problem' | 'bad-response'
    >();
    expectTypeOf<ClientError['problem']>().toEqualTypeOf<ProblemBody | null>();
    expectTypeOf<ClientError['problemType']>().toEqualTypeOf<string | null>();
    expectTypeOf(isClientError).guards.toEqualTypeOf<ClientError>();
    expectTypeOf(isClientError).parameters.toEqualTypeOf<[error: unknown, ...codes: ClientErrorCode[]]>();
  });
});
