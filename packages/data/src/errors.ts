import { RecoError, type RecoErrorOptions } from '@reco/core';

/** Where in the input a problem was found. Every field is optional: a folder has no line. */
export type DataErrorLocation = RecoErrorOptions;

/**
 * The stable codes of `@reco/data` errors. Callers and tests branch on these; messages may change.
 * - input rows: `bad-rating`, `bad-id`, `bad-timestamp`, `bad-value`, `bad-row`, `bad-header`,
 *   `empty-file`, `unknown-movie`, `duplicate-rating`, `duplicate-id`,
 *   `unknown-rating` (a Netflix probe pair that is not among the ratings), `incomplete-genome`
 * - files and folders: `not-found`, `not-a-folder`, `unreadable`, `no-dataset`, `missing-file`,
 *   `missing-release`
 * - programmatic input and options: `bad-input`, `bad-option`, `too-many-genres`, `id-too-large`
 * - writes and downloads: `not-empty`, `write-failed`, `aborted`, `unknown-release`,
 *   `download-failed`, `size-mismatch`, `checksum-mismatch`, `bad-archive`
 */
export type DataErrorCode =
  | 'bad-rating'
  | 'bad-id'
  | 'bad-timestamp'
  | 'bad-value'
  | 'bad-row'
  | 'bad-header'
  | 'empty-file'
  | 'unknown-movie'
  | 'duplicate-rating'
  | 'duplicate-id'
  | 'unknown-rating'
  | 'incomplete-genome'
  | 'not-found'
  | 'not-a-folder'
  | 'unreadable'
  | 'no-dataset'
  | 'missing-file'
  | 'missing-release'
  | 'bad-input'
  | 'bad-option'
  | 'too-many-genres'
  | 'id-too-large'
  | 'not-empty'
  | 'write-failed'
  | 'aborted'
  | 'unknown-release'
  | 'download-failed'
  | 'size-mismatch'
  | 'checksum-mismatch'
  | 'bad-archive';

/**
 * The one error class of `@reco/data`. Its message is meant for a person and already names the
 * place, e.g. `ratings.csv:1043: rating "abc" is not a number`; `code` is for programs.
 */
export class DataError extends RecoError<DataErrorCode> {
  override readonly name = 'DataError';

  constructor(code: DataErrorCode, message: string, options: DataErrorLocation = {}) {
    super(code, message, options);
  }
}
