import { UserHistory, UserHistoryQuery } from '@reco/client/schemas';
import { Type } from 'typebox';
import type { App } from '../app';
import { problemResponses, UserId } from '../schemas';
import type { ServingState } from '../serving-state';

export function userRoutes(app: App, state: ServingState): void {
  app.get(
    '/v1/users/:userId/history',
    {
      schema: {
        operationId: 'getUserHistory',
        summary: "A known user's training ratings: highest and lowest rated movies, genre preferences",
        description:
          'From the training ratings the model holds (validation and test ratings are held out). ' +
          'Ties in the two lists go to the more recent rating; they share movies when the user has ' +
          'fewer than 2n ratings. Genres are the ones the user rated, most rated first.',
        tags: ['users'],
        params: Type.Object({ userId: UserId }, { additionalProperties: false }),
        querystring: UserHistoryQuery,
        response: {
          200: UserHistory,
          ...problemResponses(400, 404, 429),
        },
      },
    },
    (request) => {
      const { userId } = request.params;
      const { n = 10 } = request.query;
      return state.current.recommender.userHistory(userId, { n });
    },
  );
}
