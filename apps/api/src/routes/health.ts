import { Type } from 'typebox';
import type { App } from '../app';
import type { ServingState } from '../serving-state';

/**
 * Liveness and readiness for an orchestrator. Both skip the rate limit. While the server closes,
 * Fastify answers 503 to new requests, so `ready` drops out before in-flight work is done.
 */
export function healthRoutes(app: App, state: ServingState): void {
  app.get(
    '/health/live',
    {
      config: { rateLimit: false },
      schema: {
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
        summary: 'Artifacts are loaded and requests are served',
        tags: ['health'],
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            model: Type.String(),
            generation: Type.Integer(),
            reloading: Type.Boolean(),
          }),
        },
      },
    },
    () => {
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
