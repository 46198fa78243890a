import { Predictions, PredictRequest } from '@reco/client/schemas';
import type { App } from '../app';
import { NoQuery, problemResponses } from '../schemas';
import type { ServingState } from '../serving-state';

export function predictRoutes(app: App, state: ServingState): void {
  app.post(
    '/v1/predict',
    {
      schema: {
        operationId: 'predictLikes',
        summary: 'Like probabilities of a known user for some movies',
        tags: ['predict'],
        querystring: NoQuery,
        body: PredictRequest,
        response: {
          200: Predictions,
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
