export type RecommenderErrorCode =
  | 'unknown-user'
  | 'unknown-movie'
  | 'invalid-input'
  | 'bad-artifacts'
  | 'config';

/** The one error class of `@reco/recommender`; `code` lets the API map it to an HTTP status. */
export class RecommenderError extends Error {
  override readonly name = 'RecommenderError';
  constructor(
    readonly code: RecommenderErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
