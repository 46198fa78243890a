/**
 * The server's shutdown state, shared by the process that handles signals and the routes: while
 * `draining`, readiness answers 503 so a load balancer stops sending traffic, while every other
 * route still serves; once `closing` (Fastify's close has begun), new requests get a 503 problem.
 */
export interface Lifecycle {
  draining: boolean;
  closing: boolean;
}

export function createLifecycle(): Lifecycle {
  return { draining: false, closing: false };
}
