import { ScoringError } from '../errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes UTF-8 JSON bytes, or says the model is unreadable (truncated, corrupt, not JSON). */
export function parseJsonBytes(bytes: Uint8Array, source: string): unknown {
  if (!(bytes instanceof Uint8Array)) {
    throw new ScoringError('invalid-input', 'loadScorerFromBytes: bytes must be a Uint8Array', {
      field: 'bytes',
    });
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScoringError(
      'invalid-model',
      `not a readable model (${reason}); the bytes may be truncated or corrupt`,
      { file: source, cause: error },
    );
  }
}

/** The version of what @reco/models writes beside a model; newer files are refused. */
export const FORMAT_VERSION = 1;

export function checkFormatVersion(version: unknown, source: string, field: string): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ScoringError('invalid-model', `format version ${String(version)} is not valid`, {
      file: source,
      field,
    });
  }
  if (version > FORMAT_VERSION) {
    throw new ScoringError(
      'invalid-model',
      `saved in format ${version}, newer than this @reco/scoring reads (${FORMAT_VERSION}); upgrade @reco/scoring`,
      { file: source, field },
    );
  }
}
