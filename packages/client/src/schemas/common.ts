import { type TSchema, Type } from 'typebox';

/**
 * The schemas the API validates requests with and documents responses with, and the client types
 * its calls with: one definition, so the two cannot drift. Request schemas close their objects
 * (`additionalProperties: false`) so an unknown parameter is a 400 naming it.
 */

/** Largest `n` / `limit` a request may ask for. */
export const MAX_ITEMS = 100;

/** A response list: readonly, so the recommender's readonly arrays are returned without copying. */
export function List<T extends TSchema>(items: T) {
  return Type.Immutable(Type.Array(items));
}

export const MovieId = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'MovieLens movieId' });
export const UserId = Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'MovieLens userId' });

export const Count = Type.Integer({
  minimum: 1,
  maximum: MAX_ITEMS,
  default: 10,
  description: `How many items to return, 1 to ${MAX_ITEMS}.`,
});

export const Year = Type.Integer({ minimum: 1870, maximum: 2100 });

/** Every strategy a bundle may serve; `GET /v1/model` lists the ones the loaded bundle does. */
export const STRATEGIES = [
  'classifier',
  'cf',
  'hybrid',
  'ease',
  'item-knn',
  'rp3beta',
  'als',
  'popularity',
] as const;

export const Strategy = Type.Enum(STRATEGIES, {
  description:
    "Scoring. Always served: 'classifier' (the served model's like probability), 'cf' (matrix factorization), " +
    "'hybrid'. Served when the bundle stores the model: 'ease', 'item-knn', 'rp3beta', 'als', 'popularity'. " +
    "Default: the bundle's (`GET /v1/model` `defaultStrategy`, chosen by `reco train` on an inner holdout).",
});

/** Genres as repeated parameters or one comma-separated value: `genres=Drama,War` or `genres=Drama&genres=War`. */
export const Genres = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: 20,
  description: 'Keep movies with at least one of these genres; comma-separated or repeated.',
});

/** For routes without query parameters: any parameter is unknown, so a 400 rather than ignored. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const RecommendationItem = Type.Object({
  movieId: Type.Integer(),
  title: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  genres: List(Type.String()),
  score: Type.Number({ description: "Higher is better; for 'classifier', the like probability." }),
  reason: Type.String({ description: 'A short human explanation.' }),
});

export const RecommendationsBody = {
  strategy: Type.Enum([...STRATEGIES, 'popular']),
  fallback: Type.Boolean({ description: 'True when the list is the popularity fallback.' }),
  items: List(RecommendationItem),
};

export const MovieSummary = Type.Object({
  movieId: Type.Integer(),
  title: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  genres: List(Type.String()),
  imdbId: Type.Union([Type.String(), Type.Null()]),
  tmdbId: Type.Union([Type.Integer(), Type.Null()]),
  ratingCount: Type.Integer({ description: 'Ratings in the training data.' }),
  meanRating: Type.Union([Type.Number(), Type.Null()]),
});

export const FieldError = Type.Object({
  field: Type.String(),
  in: Type.Union([Type.Literal('path'), Type.Literal('query'), Type.Literal('body'), Type.Literal('header')]),
  message: Type.String(),
});

/** RFC 9457 problem details, for the OpenAPI document (errors are sent pre-serialized). */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(FieldError)),
  },
  { description: 'RFC 9457 problem details (application/problem+json).' },
);

/** The problem type of a view whose report file the bundle lacks: run `reco train` again. */
export const REPORT_MISSING_TYPE = 'urn:reco:problem:report-missing';
