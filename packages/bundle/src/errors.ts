import { RecoError } from '@reco/core';

/**
 * - `bad-artifacts`: a file is missing, truncated, fails its SHA-256 or lies outside the folder, or a
 *   `.npy` header contradicts its `manifest.arrays` entry (`field` = `/arrays/<name>/dtype` or `/shape`);
 * - `bad-manifest`: `manifest.json` breaks the schema (`field` is the JSON path, e.g. `/bestModel/threshold`);
 * - `unsupported-version`: a format version this build cannot read;
 * - `config`: the writer was misused (a path written twice, `--out` is a file).
 */
export type BundleErrorCode = 'bad-artifacts' | 'bad-manifest' | 'unsupported-version' | 'config';

/** The one error class of `@reco/bundle`; callers branch on `code`. */
export class BundleError extends RecoError<BundleErrorCode> {
  override name = 'BundleError';
}
