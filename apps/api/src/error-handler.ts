import { ServingError } from '@reco/serving';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InputError } from './input-error';
import {
  type FieldError,
  fieldErrors,
  type HttpPart,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  type Problem,
  problem,
  summarize,
} from './problem';
import { ReloadInProgressError } from './serving-state';

/**
 * Every error becomes an RFC 9457 problem: validation and input errors are 400s naming the field,
 * unknown users and movies 404s, and anything unexpected a 500 whose body says only that (the
 * stack goes to the log, with the request id the client also gets).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const found = toProblem(error, request);
    if (found.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: found.status, detail: found.detail }, 'request rejected');
    return sendProblem(reply, found);
  });
}

/**
 * Errors the router raises before any route runs (a malformed URL, an over-long path parameter):
 * Fastify's `frameworkErrors` hook, so they are problems like every other error.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
      ? error.statusCode
      : 400;
  sendProblem(
    reply,
    problem(status, { detail: error.message, instance: instanceOf(request), requestId: request.id }),
  );
}

/** 404 for a path no route serves. */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = instanceOf(request);
  return sendProblem(
    reply,
    problem(404, { detail: `no route ${request.method} ${path}`, instance: path, requestId: request.id }),
  );
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  // Pre-serialized, so no route's success schema is applied to an error body.
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  const at = { instance: instanceOf(request), requestId: request.id };
  if (error.validation !== undefined) {
    const errors = fieldErrors(error.validation, (error.validationContext ?? 'body') as HttpPart);
    return problem(
      400,
      { ...at, type: PROBLEM_TYPES.invalidRequest, title: 'Invalid request', detail: summarize(errors) },
      errors,
    );
  }
  if (error instanceof InputError) {
    return problem(
      400,
      { ...at, type: PROBLEM_TYPES.invalidRequest, title: 'Invalid request', detail: error.message },
      error.errors,
    );
  }
  if (error instanceof ServingError) {
    const detail = forHttp(error.message);
    switch (error.code) {
      case 'unknown-user':
        return problem(404, {
          ...at,
          type: PROBLEM_TYPES.unknownUser,
          title: 'Unknown user',
          detail,
        });
      case 'unknown-movie':
        return problem(404, {
          ...at,
          type: PROBLEM_TYPES.unknownMovie,
          title: 'Unknown movie',
          detail,
        });
      case 'invalid-input':
      case 'unknown-genre':
        return problem(400, {
          ...at,
          type: PROBLEM_TYPES.invalidRequest,
          title: 'Invalid request',
          detail,
        });
      default:
        return internal(at);
    }
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    // An oversized body is a validation error like any other: 400, naming the body and the limit.
    const errors: FieldError[] = [
      {
        field: 'body',
        in: 'body',
        message: `is larger than the ${request.routeOptions.bodyLimit} bytes accepted`,
      },
    ];
    return problem(
      400,
      { ...at, type: PROBLEM_TYPES.invalidRequest, title: 'Invalid request', detail: summarize(errors) },
      errors,
    );
  }
  if (error instanceof ReloadInProgressError) {
    return problem(409, { ...at, type: PROBLEM_TYPES.reloadInProgress, detail: error.message });
  }
  // Fastify's other client errors (media type, rate limit) carry a status.
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return problem(status, { ...at, detail: error.message });
  }
  return internal(at);
}

function internal(at: { instance: string; requestId: string }): Problem {
  return problem(500, {
    ...at,
    detail:
      'The server failed to answer this request. It is logged under the request id; quote it when reporting.',
  });
}

/**
 * Library messages start with the function that threw ("recommend: unknown user 7 ...") and may
 * point at library calls; over HTTP the route is the context, so both are rephrased.
 */
function forHttp(message: string): string {
  return message
    .replace(/^[A-Za-z]+:\s+/, '')
    .replace(/\buse recommendForRatings\b/, 'use POST /v1/recommendations');
}

function instanceOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}
