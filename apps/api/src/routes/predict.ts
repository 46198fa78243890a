import { Type } from 'typebox';
import type { App } from '../app';
import { List, MovieId, NoQuery, problemResponses, UserId } from '../schemas';
import type { ServingState } from '../serving-state';

/** Most movies one predict request may score. */
const MAX_PREDICT_MOVIES = 1000;

export function predictRoutes(app: App, state: ServingState): void {
  app.post(
    '/v1/predict',
    {
      schema: {
        operationId: 'predictLikes',
        summary: 'Like probabilities of a known user for some movies',
        tags: ['predict'],
        querystring: NoQuery,
        body: Type.Object(
          {
            userId: UserId,
            movieIds: Type.Array(MovieId, { minItems: 1, maxItems: MAX_PREDICT_MOVIES }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            userId: UserId,
            threshold: Type.Number({
              description: 'Decision threshold on the probability, chosen on validation.',
            }),
            predictions: List(
              Type.Object({
                movieId: MovieId,
                probability: Type.Number({ description: 'P(rating >= 3.5) from the served model.' }),
                like: Type.Boolean({ description: 'probability >= threshold' }),
              }),
            ),
          }),
          ...problemResponses(400, 404, 415, 429),
        },
      },
    },
    (request) => {
      const { userId, movieIds } = request.body;
      const { predictions, threshold } = state.current.recommender.predict(userId, movieIds);
      return { userId, threshold, predictions };
    },
  );
}
