import { ServingError } from '@reco/serving';
import { Type } from 'typebox';
import type { App } from '../app';
import { withGenreField } from '../input-error';
import {
  Count,
  List,
  MAX_ITEMS,
  MovieId,
  MovieSummary,
  NoQuery,
  problemResponses,
  RecommendationItem,
} from '../schemas';
import type { ServingState } from '../serving-state';

const MovieParams = Type.Object({ movieId: MovieId }, { additionalProperties: false });
const SimilarBy = Type.Enum(['content', 'cf', 'blend'], {
  default: 'blend',
  description: "'content' (genres, tags, genome), 'cf' (rating factors) or 'blend' (both; default).",
});

export function movieRoutes(app: App, state: ServingState): void {
  app.get(
    '/v1/movies',
    {
      schema: {
        summary: 'Search or browse the catalogue',
        description: 'Case- and accent-insensitive; "alien 1979" matches the year too. Best matches first.',
        tags: ['movies'],
        querystring: Type.Object(
          {
            search: Type.Optional(
              Type.String({
                maxLength: 200,
                description:
                  'Title words, optionally a year. Without it, the movies are listed, most rated first.',
              }),
            ),
            genre: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITEMS, default: 20 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            total: Type.Integer({ description: 'Matches in all, beyond this page.' }),
            limit: Type.Integer(),
            offset: Type.Integer(),
            items: List(MovieSummary),
          }),
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
        summary: 'Movies like this one',
        description: 'Works for movies nobody rated too (content only).',
        tags: ['movies'],
        params: MovieParams,
        querystring: Type.Object(
          { n: Type.Optional(Count), by: Type.Optional(SimilarBy) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            movieId: MovieId,
            by: Type.Union([Type.Literal('content'), Type.Literal('cf'), Type.Literal('blend')]),
            items: List(RecommendationItem),
          }),
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
