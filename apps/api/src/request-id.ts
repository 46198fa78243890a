import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Ids a client or proxy may pass in `x-request-id`: short and log-safe. */
const CLIENT_ID = /^[\w.:-]{1,128}$/;

/**
 * The request id: the caller's `x-request-id` when it is a sane token (so a trace spans the
 * proxy and this service), else a fresh UUID. Logged as `requestId` and echoed in the response.
 */
export function requestId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_ID.test(header) ? header : randomUUID();
}
