import { isClientError } from '@reco/client';

/** What to tell a person about a failed call; `retry` when trying again may help. */
export function describeError(
  error: unknown,
  context: { userId?: number } = {},
): { text: string; retry: boolean } {
  if (isClientError(error, 'unreachable')) {
    return { text: 'The API is not answering. Is the server running?', retry: true };
  }
  if (isClientError(error, 'problem')) {
    if (error.problemType === 'unknown-user' && context.userId !== undefined) {
      return { text: `user ${context.userId} is not in this model's training data`, retry: false };
    }
    if (error.problemType === 'report-missing') {
      return { text: 'This view needs a newer bundle: run `reco train` again.', retry: false };
    }
    return { text: error.message, retry: error.status >= 500 || error.status === 429 };
  }
  return { text: error instanceof Error ? error.message : String(error), retry: true };
}
