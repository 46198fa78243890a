import { CliError } from './cli-error';

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error ? (error as { code?: unknown }).code?.toString() : undefined;

/** What a new user can do instead; the library's own hint names a function, not a flag. */
export const NEW_USER_HINT =
  'for someone new, pass a few of their ratings: reco recommend --rate 1=5,260=4.5 (or --ratings file.csv)';

/**
 * A serving error in the CLI's terms: an option the model rejects (an unknown genre, a bad
 * rating) is a usage error, exit 2; an unknown user gets the flag that helps. Others pass through.
 */
export function toCliError(error: unknown): unknown {
  const code = codeOf(error);
  if (!(error instanceof Error) || code === undefined) return error;
  if (code === 'invalid-input' || code === 'unknown-genre')
    return new CliError(error.message, 2, { code: 'usage', cause: error });
  if (code === 'unknown-user') {
    // Keep the library's facts (how many users, which ids); replace its advice.
    const facts = error.message.replace(/\.?\s*For someone new,.*$/s, '');
    return new CliError(`${facts}; ${NEW_USER_HINT}`, 1, { code: 'runtime', cause: error });
  }
  return error;
}

/** Runs `work`, translating what it throws with {@link toCliError}. */
export function inCliTerms<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw toCliError(error);
  }
}
