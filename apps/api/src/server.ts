import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadRecommender } from '@reco/serving';
import Fastify, { LogController } from 'fastify';
import type { App } from './app';
import { clientError } from './client-error';
import { frameworkError, installErrorHandler, sendProblem } from './error-handler';
import { createLifecycle, type Lifecycle } from './lifecycle';
import {
  type BuildServerOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_CACHE_SIZE,
  DEFAULT_RATE_LIMIT,
} from './options';
import { registerCors, registerHelmet, registerOpenApi, registerRateLimit } from './plugins';
import { DEFAULT_MAX_EVENT_LOOP_DELAY_MS, shedUnderPressure } from './pressure';
import { problem } from './problem';
import { requestId } from './request-id';
import { adminRoutes } from './routes/admin';
import { healthRoutes } from './routes/health';
import { modelRoutes } from './routes/model';
import { movieRoutes } from './routes/movies';
import { predictRoutes } from './routes/predict';
import { recommendationRoutes } from './routes/recommendations';
import { reportRoutes } from './routes/reports';
import { userRoutes } from './routes/users';
import { defaultWebDir, webRoutes } from './routes/web';
import { createServingState, type ServingState } from './serving-state';
import { createValidatorCompiler } from './validation';

/**
 * Builds the recommendation service: loads the artifacts (throwing `BundleError` with code
 * `'bad-artifacts'` before any socket is opened when they are missing or corrupt), then returns a
 * ready Fastify instance. The caller listens (`app.listen`) or injects, and closes it with
 * `app.close()`, which lets in-flight requests finish and frees the model.
 *
 * @example
 * const app = await buildServer({ artifactsDir: './artifacts' });
 * await app.listen({ port: 8080, host: '127.0.0.1' });
 */
export async function buildServer(options: BuildServerOptions): Promise<App> {
  const state = await createServingState({
    artifactsDir: options.artifactsDir,
    loadRecommender: options.loadRecommender ?? ((dir) => loadRecommender(dir)),
    cacheSize: options.cacheSize ?? DEFAULT_CACHE_SIZE,
  });
  try {
    return await createApp(options, state);
  } catch (error) {
    state.dispose();
    throw error;
  }
}

/** The steps of `buildServer` once the bundle is loaded, in the order Fastify needs them. */
async function createApp(options: BuildServerOptions, state: ServingState): Promise<App> {
  const app = createFastify(options);
  const lifecycle = options.lifecycle ?? createLifecycle();
  installHooks(app, state, lifecycle);
  await registerHelmet(app);
  await shedUnderPressure(app, options.maxEventLoopDelayMs ?? DEFAULT_MAX_EVENT_LOOP_DELAY_MS);
  await registerOpenApi(app, options.docs ?? true);
  await registerCors(app, options.cors);
  await registerRateLimit(app, options.rateLimit ?? DEFAULT_RATE_LIMIT);
  await registerRoutes(app, state, lifecycle, options);
  await app.ready();
  const { model, variant, trainedAt } = state.current.recommender.info;
  app.log.info(
    { artifacts: state.artifactsDir, model: `${model}-${variant}`, trainedAt },
    'artifacts loaded',
  );
  return app;
}

function createFastify(options: BuildServerOptions): App {
  return Fastify({
    logger: options.logger ?? { level: 'info' },
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    genReqId: requestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: options.trustProxy ?? false,
    // Let a slow client hold a socket no longer than this.
    requestTimeout: 30_000,
    frameworkErrors: frameworkError,
    // 431s and malformed requests are answered as problems; so are requests that arrive while
    // the server closes (see closeHooks), instead of Fastify's own JSON shapes.
    clientErrorHandler: clientError,
    return503OnClosing: false,
    // Idle keep-alive sockets are closed by closeHooks after a grace period, not at once: a client
    // may be writing its next request on one right now, and that request would be lost.
    forceCloseConnections: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
}

/** Validation, errors, the request id header, graceful close, and freeing the model on close. */
function installHooks(app: App, state: ServingState, lifecycle: Lifecycle): void {
  app.setValidatorCompiler(createValidatorCompiler());
  // JSON only: a text body is a 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  closeHooks(app, lifecycle);
  app.addHook('onClose', () => state.dispose());
}

async function registerRoutes(
  app: App,
  state: ServingState,
  lifecycle: Lifecycle,
  options: BuildServerOptions,
): Promise<void> {
  healthRoutes(app, state, lifecycle);
  recommendationRoutes(app, state);
  userRoutes(app, state);
  predictRoutes(app, state);
  movieRoutes(app, state);
  modelRoutes(app, state);
  reportRoutes(app, state);
  if (options.adminToken != null && options.adminToken !== '') adminRoutes(app, state, options.adminToken);
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  const webDir = options.webDir === undefined ? defaultWebDir() : options.webDir;
  if (webDir !== null) await webRoutes(app, webDir);
}

/** How long an idle kept-alive socket may stay open once close has begun. */
const IDLE_GRACE_MS = 250;

/**
 * On close, Fastify stops accepting connections and waits for open ones. A request that arrives
 * on a kept-alive socket after an earlier request gets a 503 problem with `Retry-After` (the first
 * request of a connection accepted before close is in flight, and is served), and every response
 * says `connection: close`, so shutdown ends as soon as in-flight requests are answered rather
 * than when the clients' idle timers fire.
 */
function closeHooks(app: App, lifecycle: Lifecycle): void {
  const used = new WeakSet<object>();
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    lifecycle.closing = true;
    // Node's server.close() drops idle keep-alive sockets at once, racing the request a client
    // may be writing on one (it would be reset, unanswered). Instead, idle sockets are swept
    // after a grace: by then each busy client has had an answer saying `connection: close`,
    // and what is still idle sends nothing, so shutdown need not wait for its timer.
    const server = app.server;
    const sweep = server.closeIdleConnections.bind(server);
    server.closeIdleConnections = () => {};
    sweeper = setInterval(sweep, IDLE_GRACE_MS).unref();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    const reused = used.has(socket);
    used.add(socket);
    if (!lifecycle.closing || !reused) return done();
    reply.header('retry-after', '1');
    sendProblem(
      reply,
      problem(503, {
        detail: 'the server is shutting down; retry on another instance',
        instance: request.url.split('?')[0] ?? request.url,
        requestId: request.id,
      }),
    );
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (lifecycle.closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
