import type { Recommender } from '@reco/serving';
import type { FastifyServerOptions } from 'fastify';
import type { Lifecycle } from './lifecycle';

/** Loads an artifact bundle into a `Recommender`; throws `BundleError` (`bad-artifacts`, `bad-manifest`, `unsupported-version`) when it cannot. */
export type LoadRecommender = (dir: string) => Promise<Recommender>;

export interface RateLimitOptions {
  /** Requests per client IP per window. */
  readonly max: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

export interface CorsOptions {
  /** Allowed origins, or '*' for any origin. */
  readonly origins: readonly string[] | '*';
}

export interface BuildServerOptions {
  /** Folder of the artifact bundle `reco train` wrote. It is loaded before `buildServer` resolves. */
  readonly artifactsDir: string;
  /** Reads a bundle into a `Recommender`. Default `loadRecommender` from `@reco/serving`. */
  readonly loadRecommender?: LoadRecommender;
  /** Bearer token of `POST /admin/reload`. Default null: the route does not exist. */
  readonly adminToken?: string | null;
  /** Per-IP rate limit. Default 600 requests per minute; `false` turns it off. */
  readonly rateLimit?: RateLimitOptions | false;
  /** CORS. Default `false` (no CORS headers: browsers on other origins are refused). */
  readonly cors?: CorsOptions | false;
  /** Largest request body in bytes; bigger bodies are a 400 naming `body`. Default 64 KiB. */
  readonly bodyLimit?: number;
  /**
   * Entries of the response cache in front of the model (unfiltered recommendations per user and
   * n, and similar lists). Default 10,000; 0 turns it off. Reload swaps it with the model.
   */
  readonly cacheSize?: number;
  /** Fastify's logger option (pino). Default `{ level: 'info' }`. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Trust `X-Forwarded-*` from a proxy in front (client IPs for the rate limit). Default false. */
  readonly trustProxy?: boolean;
  /** Serve the interactive docs at `/docs`. Default true (`/openapi.json` is always served). */
  readonly docs?: boolean;
  /**
   * Folder of the built web page (`apps/web/dist`), served at `/`. Default: this repository's
   * `apps/web/dist` when it has been built; null serves no page.
   */
  readonly webDir?: string | null;
  /** Shared shutdown state: set `draining` to fail readiness before closing (see main.ts). */
  readonly lifecycle?: Lifecycle;
  /** Event-loop delay (ms) above which requests get a 503 problem with `Retry-After`; 0 turns shedding off. */
  readonly maxEventLoopDelayMs?: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, windowMs: 60_000 };
export const DEFAULT_BODY_LIMIT = 64 * 1024;
export const DEFAULT_CACHE_SIZE = 10_000;
