import type { Static } from 'typebox';
import type {
  DatasetSummary,
  FieldError,
  GenrePreference,
  ModelInfo,
  ModelReportResponse,
  MovieSearch,
  MovieSearchQuery,
  MovieSummary,
  NewRating,
  NewUserRecommendations,
  NewUserRequest,
  Predictions,
  PredictRequest,
  Problem,
  RatedMovie,
  RecommendationItem,
  SimilarMovies,
  SimilarQuery,
  UserHistory,
  UserHistoryQuery,
  UserRecommendations,
  UserRecommendationsQuery,
} from './schemas';

/** The types of the API's answers, derived from the schemas the server uses. */
export type ProblemBody = Static<typeof Problem>;
export type FieldErrorBody = Static<typeof FieldError>;
export type RecommendationItemBody = Static<typeof RecommendationItem>;
export type UserRecommendationsBody = Static<typeof UserRecommendations>;
export type NewUserRecommendationsBody = Static<typeof NewUserRecommendations>;
export type UserRecommendationsOptions = Static<typeof UserRecommendationsQuery>;
export type NewRatingInput = Static<typeof NewRating>;
export type NewUserRequestBody = Static<typeof NewUserRequest>;
export type SimilarOptions = Static<typeof SimilarQuery>;
export type SimilarMoviesBody = Static<typeof SimilarMovies>;
export type MovieSearchOptions = Static<typeof MovieSearchQuery>;
export type MovieSearchBody = Static<typeof MovieSearch>;
export type MovieSummaryBody = Static<typeof MovieSummary>;
export type ModelInfoBody = Static<typeof ModelInfo>;
export type DatasetSummaryBody = Static<typeof DatasetSummary>;
export type ModelReportBody = Static<typeof ModelReportResponse>;
export type UserHistoryOptions = Static<typeof UserHistoryQuery>;
export type UserHistoryBody = Static<typeof UserHistory>;
export type RatedMovieBody = Static<typeof RatedMovie>;
export type GenrePreferenceBody = Static<typeof GenrePreference>;
export type PredictRequestBody = Static<typeof PredictRequest>;
export type PredictionsBody = Static<typeof Predictions>;
export type Strategy = NonNullable<UserRecommendationsOptions['strategy']>;
