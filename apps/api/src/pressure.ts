import underPressure from '@fastify/under-pressure';
import type { App } from './app';
import { sendProblem } from './error-handler';
import { problem } from './problem';

/** Event-loop delay above which requests are shed: a request would wait longer than this anyway. */
export const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 1_000;

/**
 * Sheds load with a 503 problem and `Retry-After` when the event loop lags (a burst the 2 cores
 * cannot keep up with), so clients back off instead of piling onto a queue. Health routes are
 * are shed too: an instance that cannot answer in time is not ready.
 */
export async function shedUnderPressure(app: App, maxEventLoopDelay: number): Promise<void> {
  // 0 turns shedding off (tests on a loaded CI machine, or a proxy that sheds for us).
  if (maxEventLoopDelay <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay,
    retryAfter: 1,
    pressureHandler: (request, reply, type, value) => {
      reply.header('retry-after', '1');
      sendProblem(
        reply,
        problem(503, {
          detail: `the server is overloaded (${type} ${Math.round(Number(value))}); retry in a second`,
          instance: request.url.split('?')[0] ?? request.url,
          requestId: request.id,
        }),
      );
    },
  });
}
