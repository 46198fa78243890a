import {
  NewUserRecommendations,
  NewUserRequest,
  UserRecommendations,
  UserRecommendationsQuery,
} from '@reco/client/schemas';
import type { Recommendations } from '@reco/serving';
import { Type } from 'typebox';
import type { App } from '../app';
import { checkYearRange, InputError, withGenreField } from '../input-error';
import { NoQuery, problemResponses, UserId } from '../schemas';
import type { ServingState } from '../serving-state';

export function recommendationRoutes(app: App, state: ServingState): void {
  app.get(
    '/v1/users/:userId/recommendations',
    {
      schema: {
        operationId: 'getUserRecommendations',
        summary: 'Top-N recommendations for a known user',
        tags: ['recommendations'],
        params: Type.Object({ userId: UserId }, { additionalProperties: false }),
        querystring: UserRecommendationsQuery,
        response: {
          200: UserRecommendations,
          ...problemResponses(400, 404, 429),
        },
      },
    },
    (request) => {
      const { userId } = request.params;
      const { n = 10, strategy, minYear, maxYear } = request.query;
      const genres = splitList(request.query.genres);
      checkYearRange(minYear, maxYear, 'query');
      const { recommender, cache } = state.current;
      const compute = (): Recommendations =>
        withGenreField('genres', 'query', () =>
          recommender.recommend(userId, { n, strategy, genres, minYear, maxYear }),
        );
      // Unfiltered lists are the hot path (a home page): served from the model's own cache.
      const unfiltered = genres.length === 0 && minYear === undefined && maxYear === undefined;
      const result = unfiltered
        ? cache.recommendations.getOrCompute(`${userId}:${n}:${strategy ?? ''}`, compute)
        : compute();
      return { userId, ...result };
    },
  );

  app.post(
    '/v1/recommendations',
    {
      schema: {
        operationId: 'recommendForRatings',
        summary: 'Recommendations for a new user from a few ratings (fold-in)',
        tags: ['recommendations'],
        querystring: NoQuery,
        body: NewUserRequest,
        response: {
          200: NewUserRecommendations,
          ...problemResponses(400, 404, 415, 429),
        },
      },
    },
    (request) => {
      const { ratings, n = 10, strategy, minYear, maxYear } = request.body;
      const genres = splitList(request.body.genres);
      checkYearRange(minYear, maxYear, 'body');
      checkDistinctMovies(ratings);
      const { recommender } = state.current;
      return withGenreField('genres', 'body', () =>
        recommender.recommendForRatings(ratings, { n, strategy, genres, minYear, maxYear }),
      );
    },
  );
}

/** `['Drama,War', 'Comedy']` becomes `['Drama', 'War', 'Comedy']`; blanks are dropped. */
export function splitList(values: readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  return values.flatMap((v) => v.split(',')).flatMap((v) => (v.trim() === '' ? [] : [v.trim()]));
}

function checkDistinctMovies(ratings: readonly { movieId: number }[]): void {
  const first = new Map<number, number>();
  ratings.forEach(({ movieId }, i) => {
    const j = first.get(movieId);
    if (j !== undefined) {
      throw new InputError([
        { field: `ratings[${i}].movieId`, in: 'body', message: `repeats ratings[${j}].movieId (${movieId})` },
      ]);
    }
    first.set(movieId, i);
  });
}
