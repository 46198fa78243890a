/** Where in the input a problem was found. Every field is optional: a folder has no line. */
export interface ErrorLocation {
  readonly file?: string;
  readonly line?: number;
  /** The column, option or request field at fault, e.g. `rating` or `body.ratings[2].movieId`. */
  readonly field?: string;
}

export interface RecoErrorOptions extends ErrorLocation {
  readonly cause?: unknown;
}

/**
 * The base of every reco error. `code` is stable (callers, tests and the API branch on it); the
 * message is for people and may change. Each package narrows `C` to its own union of codes.
 *
 * @example
 * try { loadMovieLens(dir) } catch (e) { if (isRecoError(e, 'bad-rating')) console.error(e.message) }
 */
export class RecoError<C extends string = string> extends Error {
  override name = 'RecoError';
  readonly code: C;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(code: C, message: string, options: RecoErrorOptions = {}) {
    super(
      formatLocation(options) + message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.field = options.field;
  }
}

/** Is `error` a {@link RecoError}, and (when codes are given) one with one of those codes? */
export function isRecoError<C extends string>(error: unknown, ...codes: C[]): error is RecoError<C> {
  if (!(error instanceof RecoError)) return false;
  return codes.length === 0 || (codes as string[]).includes(error.code);
}

/** `file:line: ` (or `file: `) in front of a message, so a person sees where to look first. */
function formatLocation({ file, line }: ErrorLocation): string {
  if (file === undefined) return '';
  return line === undefined ? `${file}: ` : `${file}:${line}: `;
}
