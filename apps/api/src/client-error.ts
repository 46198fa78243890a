import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problem } from './problem';

/** Node's parser error codes, as the status a client should see. */
const STATUS_OF: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_TIMEOUT: 408,
};

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refused (headers too large,
 * malformed request line) never reaches a route, so the answer is written to the socket here, as
 * a problem+json like every other error, and the connection is closed.
 */
export function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = STATUS_OF[error.code ?? ''] ?? 400;
  const body = JSON.stringify(
    problem(status, {
      detail: detailOf(status),
      // No request line was parsed, so there is no path to name.
      instance: '',
      requestId: randomUUID(),
    }),
  );
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `content-type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

function detailOf(status: number): string {
  if (status === 431) return 'the request headers are larger than the server accepts';
  if (status === 408) return 'the request was not received in time';
  return 'the request is not valid HTTP/1.1';
}
