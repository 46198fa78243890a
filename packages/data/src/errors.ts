/** Where in the input a problem was found. Every field is optional: a folder has no line. */
export interface DataErrorLocation {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
}

/**
 * The one error class of `@reco/data`. Its message is meant for a person and already names the
 * place, e.g. `ratings.csv:1043: rating "abc" is not a number`.
 */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;

  constructor(message: string, location: DataErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatLocation(location) + message, options);
    this.file = location.file;
    this.line = location.line;
    this.field = location.field;
  }
}

function formatLocation({ file, line }: DataErrorLocation): string {
  if (file === undefined) return '';
  return line === undefined ? `${file}: ` : `${file}:${line}: `;
}
