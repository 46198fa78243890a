export type ApiErrorCode = 'config';

/** The one error class of `@reco/api`: a setting the service cannot start with, named in the message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
