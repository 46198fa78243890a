import { STATUS_CODES } from 'node:http';
import type { FastifySchemaValidationError } from 'fastify';

/** One offending input, named the way a client wrote it: `n`, `ratings[2].rating`, `userId`. */
export interface FieldError {
  readonly field: string;
  /** Where the field was: path parameter, query string, JSON body or header. */
  readonly in: 'path' | 'query' | 'body' | 'header';
  readonly message: string;
}

/** An RFC 9457 problem details body, sent as `application/problem+json`. */
export interface Problem {
  /** A URI naming the problem type; `about:blank` when the status says it all. */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The request path the problem is about. */
  readonly instance: string;
  /** The request id, also in the `x-request-id` header and the logs. */
  readonly requestId: string;
  readonly errors?: readonly FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types this service defines; each names a case a client can handle in code. */
export const PROBLEM_TYPES = {
  invalidRequest: 'urn:reco:problem:invalid-request',
  unknownUser: 'urn:reco:problem:unknown-user',
  unknownMovie: 'urn:reco:problem:unknown-movie',
  reloadFailed: 'urn:reco:problem:reload-failed',
  reloadInProgress: 'urn:reco:problem:reload-in-progress',
  unauthorized: 'urn:reco:problem:unauthorized',
} as const;

export function problem(
  status: number,
  fields: { type?: string; title?: string; detail: string; instance: string; requestId: string },
  errors?: readonly FieldError[],
): Problem {
  return {
    type: fields.type ?? 'about:blank',
    title: fields.title ?? STATUS_CODES[status] ?? 'Error',
    status,
    detail: fields.detail,
    instance: fields.instance,
    requestId: fields.requestId,
    ...(errors === undefined ? {} : { errors }),
  };
}

/** The request part Fastify validated (its `validationContext`). */
export type HttpPart = 'body' | 'headers' | 'params' | 'querystring';

const PART: Record<HttpPart, FieldError['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/**
 * Turns Ajv errors into field errors. The field is the JSON pointer of the failing value as a
 * property path, plus the missing or unexpected property for `required` and
 * `additionalProperties`, which Ajv reports on the parent object.
 */
export function fieldErrors(errors: readonly FastifySchemaValidationError[], part: HttpPart): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // `anyOf`/`oneOf` repeat what their branches already said, less precisely.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const path = pointerSegments(error.instancePath);
    const params = error.params as Record<string, unknown>;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      path.push(params.missingProperty);
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      path.push(params.additionalProperty);
      message = part === 'body' ? 'is not a known property' : 'is not a known parameter';
    } else if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      message = `must be one of: ${params.allowedValues.join(', ')}`;
    }
    const field = path.length === 0 ? part : propertyPath(path);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, in: PART[part], message });
  }
  return out;
}

/** A one-line summary of field errors for `detail`: "n must be <= 100; genres is not a known parameter". */
export function summarize(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.field} ${e.message}`).join('; ');
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** `['ratings', '2', 'rating']` becomes `ratings[2].rating`. */
function propertyPath(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
