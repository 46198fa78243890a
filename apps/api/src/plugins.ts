import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import packageJson from '../package.json' with { type: 'json' };
import type { App } from './app';
import { notFound } from './error-handler';
import type { CorsOptions, RateLimitOptions } from './options';

/**
 * Security headers; the CSP is the one the built web page needs (its scripts and styles are files
 * served from here, Plot draws inline SVG styles).
 */
export async function registerHelmet(app: App): Promise<void> {
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
}

/** The OpenAPI document the routes' schemas make, and Swagger UI at `/docs` when `docs`. */
export async function registerOpenApi(app: App, docs: boolean): Promise<void> {
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
  if (docs) await app.register(swaggerUi, { routePrefix: '/docs' });
}

/** CORS headers for `origins`; without options, none (browsers on other origins are refused). */
export async function registerCors(app: App, options: CorsOptions | false | undefined): Promise<void> {
  if (options === undefined || options === false) return;
  const { origins } = options;
  await app.register(cors, {
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST'],
    // Browsers hide other response headers from scripts unless listed.
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
}

/** The per-IP rate limit (unless `false`), and the 404 problem for unknown paths. */
export async function registerRateLimit(app: App, limit: RateLimitOptions | false): Promise<void> {
  if (limit === false) {
    app.setNotFoundHandler(notFound);
    return;
  }
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.windowMs,
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`rate limit of ${context.max} requests exceeded; retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
  // Unknown paths count against the rate limit too, so scanning for routes is throttled.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFound);
}
