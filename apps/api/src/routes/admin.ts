import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import type { App } from '../app';
import { sendProblem } from '../error-handler';
import { PROBLEM_TYPES, problem } from '../problem';
import { NoQuery, problemResponses } from '../schemas';
import { ReloadInProgressError, type ServingState } from '../serving-state';
import { ServingInfo, servingInfo } from './model';

/**
 * `POST /admin/reload`, registered only when an admin token is configured. It loads the bundle at
 * the artifacts folder beside the serving model (e.g. after `reco train` replaced it) and swaps
 * on success; a bad bundle leaves the old model serving and the response says why.
 */
export function adminRoutes(app: App, state: ServingState, token: string): void {
  const expected = digest(token);
  app.post(
    '/admin/reload',
    {
      schema: {
        operationId: 'reloadArtifacts',
        summary: 'Load the artifacts again and swap them in atomically',
        tags: ['admin'],
        querystring: NoQuery,
        security: [{ adminToken: [] }],
        response: {
          200: Type.Object({
            status: Type.Literal('reloaded'),
            model: Type.String(),
            trainedAt: Type.String(),
            serving: ServingInfo,
          }),
          ...problemResponses(401, 409, 429, 500),
        },
      },
    },
    async (request, reply) => {
      const at = { instance: '/admin/reload', requestId: request.id };
      const presented = bearerToken(request.headers.authorization);
      // Compare fixed-length digests so the time taken says nothing about the token.
      if (!timingSafeEqual(digest(presented), expected)) {
        reply.header('www-authenticate', 'Bearer realm="reco-admin"');
        return sendProblem(
          reply,
          problem(401, {
            ...at,
            type: PROBLEM_TYPES.unauthorized,
            detail: 'POST /admin/reload needs the header "Authorization: Bearer <RECO_ADMIN_TOKEN>"',
          }),
        );
      }
      const before = state.current.generation;
      try {
        const served = await state.reload();
        const { model, variant, trainedAt } = served.recommender.info;
        request.log.info(
          { generation: served.generation, model: `${model}-${variant}` },
          'artifacts reloaded',
        );
        return {
          status: 'reloaded' as const,
          model: `${model}-${variant}`,
          trainedAt,
          serving: servingInfo(served),
        };
      } catch (error) {
        if (error instanceof ReloadInProgressError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        request.log.warn({ err: error }, 'reload failed; the previous artifacts keep serving');
        return sendProblem(
          reply,
          problem(500, {
            ...at,
            type: PROBLEM_TYPES.reloadFailed,
            title: 'Reload failed',
            detail: `${reason}. The previous artifacts (generation ${before}) keep serving.`,
          }),
        );
      }
    },
  );
}

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 9110 11.1). */
export function bearerToken(header: string | undefined): string {
  const match = /^bearer[ \t]+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim() ?? '';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
