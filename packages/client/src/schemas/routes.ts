import { Type } from 'typebox';
import {
  Count,
  Genres,
  List,
  MAX_ITEMS,
  MovieId,
  MovieSummary,
  RecommendationItem,
  RecommendationsBody,
  Strategy,
  UserId,
  Year,
} from './common';

/** Response and body schemas of the existing routes that the client calls. */

export const UserRecommendations = Type.Object({ userId: UserId, ...RecommendationsBody });
export const NewUserRecommendations = Type.Object(RecommendationsBody);

export const NewRating = Type.Object(
  {
    movieId: MovieId,
    rating: Type.Number({ minimum: 0.5, maximum: 5, multipleOf: 0.5, description: 'Half stars, 0.5 to 5.' }),
    timestamp: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 4_294_967_295,
        description: 'Unix seconds; default: end of training.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Most ratings one fold-in request may carry; the body limit caps it too. */
export const MAX_NEW_RATINGS = 500;

export const RecommendationFilters = {
  n: Type.Optional(Count),
  strategy: Type.Optional(Strategy),
  genres: Type.Optional(Genres),
  minYear: Type.Optional(Year),
  maxYear: Type.Optional(Year),
};

export const UserRecommendationsQuery = Type.Object(RecommendationFilters, { additionalProperties: false });

export const NewUserRequest = Type.Object(
  { ratings: Type.Array(NewRating, { minItems: 1, maxItems: MAX_NEW_RATINGS }), ...RecommendationFilters },
  { additionalProperties: false },
);

export const SimilarBy = Type.Enum(['content', 'cf', 'blend'], {
  default: 'blend',
  description: "'content' (genres, tags, genome), 'cf' (rating factors) or 'blend' (both; default).",
});

export const SimilarQuery = Type.Object(
  { n: Type.Optional(Count), by: Type.Optional(SimilarBy) },
  { additionalProperties: false },
);

export const SimilarMovies = Type.Object({
  movieId: MovieId,
  by: Type.Union([Type.Literal('content'), Type.Literal('cf'), Type.Literal('blend')]),
  items: List(RecommendationItem),
});

export const MovieSearchQuery = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Title words, optionally a year. Without it, the movies are listed, most rated first.',
      }),
    ),
    genre: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITEMS, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const MovieSearch = Type.Object({
  total: Type.Integer({ description: 'Matches in all, beyond this page.' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: List(MovieSummary),
});

export const UserHistoryQuery = Type.Object(
  {
    n: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_ITEMS,
        default: 10,
        description: `How many highest and lowest rated movies to list, 1 to ${MAX_ITEMS}.`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const RatedMovie = Type.Object({
  movieId: MovieId,
  title: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  genres: List(Type.String()),
  rating: Type.Number({ description: 'Half stars, 0.5 to 5.' }),
  timestamp: Type.Integer({ description: 'When it was rated: Unix seconds, UTC.' }),
  date: Type.String({ format: 'date', description: 'The same day, YYYY-MM-DD (UTC).' }),
});

export const GenrePreference = Type.Object({
  genre: Type.String(),
  count: Type.Integer({ description: "The user's training ratings of movies with this genre." }),
  meanRating: Type.Number({ description: 'Their mean rating in the genre, to two decimals.' }),
  globalMeanRating: Type.Union([Type.Number(), Type.Null()], {
    description: "Everyone's mean training rating in the genre, to two decimals.",
  }),
});

export const UserHistory = Type.Object({
  userId: UserId,
  ratingCount: Type.Integer({ description: 'Training ratings only (validation and test are held out).' }),
  meanRating: Type.Union([Type.Number(), Type.Null()], { description: "The user's mean rating." }),
  globalMeanRating: Type.Union([Type.Number(), Type.Null()], {
    description: "Everyone's mean training rating.",
  }),
  topRated: List(RatedMovie),
  lowestRated: List(RatedMovie),
  genres: List(GenrePreference),
});

/** Most movies one predict request may score. */
export const MAX_PREDICT_MOVIES = 1000;

export const PredictRequest = Type.Object(
  {
    userId: UserId,
    movieIds: Type.Array(MovieId, { minItems: 1, maxItems: MAX_PREDICT_MOVIES }),
  },
  { additionalProperties: false },
);

export const Predictions = Type.Object({
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
});

const CacheStats = Type.Object({
  entries: Type.Integer(),
  hits: Type.Integer(),
  misses: Type.Integer(),
});

export const ServingInfo = Type.Object({
  generation: Type.Integer({ description: '1 for the model loaded at start, +1 per reload.' }),
  loadedAt: Type.String({ format: 'date-time' }),
  cache: Type.Object({ recommendations: CacheStats, similar: CacheStats }),
});

export const ModelInfo = Type.Object({
  model: Type.String(),
  variant: Type.String(),
  threshold: Type.Number({ description: 'Decision threshold on the like probability.' }),
  testMetrics: Type.Record(Type.String(), Type.Number()),
  dataset: Type.Object({
    source: Type.String(),
    release: Type.Union([Type.String(), Type.Null()]),
    fingerprint: Type.String(),
  }),
  trainedAt: Type.String(),
  trainingSeconds: Type.Number(),
  /** The strategies this bundle serves, and the one a request without `strategy` gets. */
  strategies: List(Strategy),
  defaultStrategy: Strategy,
  serving: ServingInfo,
});
