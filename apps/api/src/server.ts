import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadRecommender } from '@reco/serving';
import Fastify, { LogController } from 'fastify';
import packageJson from '../package.json' with { type: 'json' };
import type { App } from './app';
import { clientError } from './client-error';
import { frameworkError, installErrorHandler, notFound, sendProblem } from './error-handler';
import { createLifecycle, type Lifecycle } from './lifecycle';
import {
  type BuildServerOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_CACHE_SIZE,
  DEFAULT_RATE_LIMIT,
} from './options';
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

async function createApp(options: BuildServerOptions, state: ServingState): Promise<App> {
  const app = Fastify({
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
  const lifecycle = options.lifecycle ?? createLifecycle();

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

  // Security headers; the CSP is the one the built web page needs (its scripts and styles are
  // files served from here, Plot draws inline SVG styles).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // The service is often reached over plain HTTP on a private network or localhost.
        'upgrade-insecure-requests': null,
      },
    },
  });

  await shedUnderPressure(app, options.maxEventLoopDelayMs ?? DEFAULT_MAX_EVENT_LOOP_DELAY_MS);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'reco recommendation API',
        description:
          'Like predictions and movie recommendations from the artifacts `reco train` produced. ' +
          'Errors are RFC 9457 problem details (application/problem+json).',
        version: packageJson.version,
      },
      components: {
        securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'RECO_ADMIN_TOKEN' } },
      },
    },
  });
  if (options.docs ?? true) await app.register(swaggerUi, { routePrefix: '/docs' });

  if (options.cors !== undefined && options.cors !== false) {
    const { origins } = options.cors;
    await app.register(cors, {
      origin: origins === '*' ? '*' : [...origins],
      methods: ['GET', 'POST'],
      // Browsers hide other response headers from scripts unless listed.
      exposedHeaders: ['x-request-id', 'retry-after'],
    });
  }

  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit !== false) {
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.windowMs,
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new Error(`rate limit of ${context.max} requests exceeded; retry in ${context.after}`),
          {
            statusCode: context.statusCode,
          },
        ),
    });
  }
  // Unknown paths count against the rate limit too, so scanning for routes is throttled.
  if (limit === false) app.setNotFoundHandler(notFound);
  else app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFound);

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

  await app.ready();
  const { model, variant, trainedAt } = state.current.recommender.info;
  app.log.info(
    { artifacts: state.artifactsDir, model: `${model}-${variant}`, trainedAt },
    'artifacts loaded',
  );
  return app;
}

/**
 * On close, Fastify stops accepting connections and waits for open ones. A request that arrives
 * on a kept-alive socket after an earlier request gets a 503 problem with `Retry-After` (the first
 * request of a connection accepted before close is in flight, and is served), and every response
 * says `connection: close`, so shutdown ends as soon as in-flight requests are answered rather
 * than when the clients' idle timers fire.
 */
/** How long an idle kept-alive socket may stay open once close has begun. */
const IDLE_GRACE_MS = 250;

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
