import { RecoError } from '@reco/core/errors';
import type { ProblemBody } from './types';

/**
 * `'invalid-input'`: a call argument is wrong (named in `field`); nothing was sent.
 * `'unreachable'`: no answer (the API is down or the network failed); retrying may help.
 * `'problem'`: the API answered with a problem (`status`, `problem.type`, `problem.detail`).
 * `'bad-response'`: the answer was not the JSON the schema promises.
 */
export type ClientErrorCode = 'invalid-input' | 'unreachable' | 'problem' | 'bad-response';

export class ClientError extends RecoError<ClientErrorCode> {
  override name = 'ClientError';
  /** HTTP status, or 0 when there was no answer. */
  readonly status: number;
  /** The RFC 9457 body for `'problem'`, else null. */
  readonly problem: ProblemBody | null;

  constructor(
    code: ClientErrorCode,
    message: string,
    options: { status?: number; problem?: ProblemBody | null; field?: string; cause?: unknown } = {},
  ) {
    super(code, message, {
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.status = options.status ?? 0;
    this.problem = options.problem ?? null;
  }

  /** The problem's type without its `urn:reco:problem:` prefix (`unknown-user`), or null. */
  get problemType(): string | null {
    const type = this.problem?.type;
    return type === undefined ? null : type.replace(/^urn:reco:problem:/, '');
  }
}

export function isClientError(error: unknown, ...codes: ClientErrorCode[]): error is ClientError {
  return error instanceof ClientError && (codes.length === 0 || codes.includes(error.code));
}
