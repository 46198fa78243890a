import { Problem } from '@reco/client/schemas';

/**
 * The TypeBox schemas live in `@reco/client`, so the typed client and the routes share one
 * definition and cannot drift; they are re-exported here for the routes.
 */
export {
  Count,
  FieldError,
  Genres,
  List,
  MAX_ITEMS,
  MovieId,
  MovieSummary,
  NoQuery,
  Problem,
  RecommendationItem,
  RecommendationsBody,
  Strategy,
  UserId,
  Year,
} from '@reco/client/schemas';

/** Response entries for the errors a route can return, documented as `application/problem+json`. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const status of statuses) {
    out[status] = {
      description: 'Problem details',
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}
