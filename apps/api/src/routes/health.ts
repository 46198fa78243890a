import { Type } from 'typebox';
import type { App } from '../app';
import { sendProblem } from '../error-handler';
import type { Lifecycle } from '../lifecycle';
import { problem } from '../problem';
import { problemResponses } from '../schemas';
import type { ServingState } from '../serving-state';

/**
 * Liveness and readiness for an orchestrator. Both skip the rate limit. Once shutdown begins
 * (`lifecycle.draining`), readiness answers 503 while the other routes still serve, so a load
 * balancer stops routing here before the server stops accepting.
 */
export function healthRoutes(app: App, state: ServingState, lifecycle: Lifecycle): void {
  app.get(
    '/health/live',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getLiveness',
        summary: 'The process is up',
        tags: ['health'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      config: { rateLimit: false },
      schema: {
        operationId: 'getReadiness',
        summary: 'Artifacts are loaded and requests are served',
        tags: ['health'],
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            model: Type.String(),
            generation: Type.Integer(),
            reloading: Type.Boolean(),
          }),
          ...problemResponses(503),
        },
      },
    },
    async (request, reply) => {
      if (lifecycle.draining) {
        reply.header('retry-after', '1');
        return sendProblem(
          reply,
          problem(503, {
            detail: 'the server is shutting down',
            instance: '/health/ready',
            requestId: request.id,
          }),
        );
      }
      const served = state.current;
      const { model, variant } = served.recommender.info;
      return {
        status: 'ready' as const,
        model: `${model}-${variant}`,
        generation: served.generation,
        reloading: state.reloading,
      };
    },
  );
}
