import { MovieSearch, MovieSearchQuery, SimilarMovies, SimilarQuery } from '@reco/client/schemas';
import { ServingError } from '@reco/serving';
import { Type } from 'typebox';
import type { App } from '../app';
import { withGenreField } from '../input-error';
import { MovieId, MovieSummary, NoQuery, problemResponses } from '../schemas';
import type { ServingState } from '../serving-state';

const MovieParams = Type.Object({ movieId: MovieId }, { additionalProperties: false });
export function movieRoutes(app: App, state: ServingState): void {
  app.get(
    '/v1/movies',
    {
      schema: {
        operationId: 'searchMovies',
        summary: 'Search or browse the catalogue',
        description: 'Case- and accent-insensitive; "alien 1979" matches the year too. Best matches first.',
        tags: ['movies'],
        querystring: MovieSearchQuery,
        response: {
          200: MovieSearch,
          ...problemResponses(400, 429),
        },
      },
    },
    (request) => {
      const { search = '', genre, limit = 20, offset = 0 } = request.query;
      const { recommender } = state.current;
      const found = withGenreField('genre', 'query', () =>
        recommender.searchMovies(search, { limit, offset, ...(genre === undefined ? {} : { genre }) }),
      );
      return { total: found.total, limit, offset, items: found.items };
    },
  );

  app.get(
    '/v1/movies/:movieId',
    {
      schema: {
        operationId: 'getMovie',
        summary: 'One movie',
        tags: ['movies'],
        querystring: NoQuery,
        params: MovieParams,
        response: { 200: MovieSummary, ...problemResponses(400, 404, 429) },
      },
    },
    (request) => {
      const { movieId } = request.params;
      const movie = state.current.recommender.movie(movieId);
      if (movie === null) throw new ServingError('unknown-movie', `unknown movie ${movieId}`);
      return movie;
    },
  );

  app.get(
    '/v1/movies/:movieId/similar',
    {
      schema: {
        operationId: 'getSimilarMovies',
        summary: 'Movies like this one',
        description: 'Works for movies nobody rated too (content only).',
        tags: ['movies'],
        params: MovieParams,
        querystring: SimilarQuery,
        response: {
          200: SimilarMovies,
          ...problemResponses(400, 404, 429),
        },
      },
    },
    (request) => {
      const { movieId } = request.params;
      const { n = 10, by = 'blend' } = request.query;
      const { recommender, cache } = state.current;
      const items = cache.similar.getOrCompute(`${movieId}:${n}:${by}`, () =>
        recommender.similar(movieId, { n, by }),
      );
      return { movieId, by, items };
    },
  );
}
