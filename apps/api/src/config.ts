import { isAbsolute, resolve } from 'node:path';
import { ApiError } from './errors';
import {
  type BuildServerOptions,
  type CorsOptions,
  DEFAULT_BODY_LIMIT,
  DEFAULT_CACHE_SIZE,
  DEFAULT_RATE_LIMIT,
  type RateLimitOptions,
} from './options';

/** Everything the executable reads from the environment; see the README for each variable. */
export interface ServiceConfig extends Omit<BuildServerOptions, 'loadRecommender' | 'logger'> {
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** How long shutdown waits for in-flight requests before exiting anyway. */
  readonly shutdownTimeoutMs: number;
  /** How long readiness answers 503 before the server stops accepting (load balancer catch-up). */
  readonly shutdownDelayMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_TOKEN_LENGTH = 16;

/**
 * Reads the service settings from environment variables, with defaults for everything. Relative
 * `RECO_ARTIFACTS` resolves against `INIT_CWD` (the folder `pnpm` was run from) when set, so
 * `pnpm --filter @reco/api start` at the repo root finds the root's `./artifacts`. Throws
 * `ApiError('config')` naming the variable for a value it cannot use.
 */
export function readConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServiceConfig {
  const base = env.INIT_CWD !== undefined && env.INIT_CWD !== '' ? env.INIT_CWD : cwd;
  const artifacts = nonEmpty(env.RECO_ARTIFACTS) ?? './artifacts';
  const adminToken = nonEmpty(env.RECO_ADMIN_TOKEN) ?? null;
  if (adminToken !== null && adminToken.length < MIN_TOKEN_LENGTH) {
    throw new ApiError(
      'config',
      `RECO_ADMIN_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters (a long random string, e.g. \`openssl rand -hex 32\`)`,
    );
  }
  const logLevel = nonEmpty(env.RECO_LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ApiError(
      'config',
      `RECO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`,
    );
  }
  return {
    artifactsDir: isAbsolute(artifacts) ? artifacts : resolve(base, artifacts),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65_535),
    adminToken,
    rateLimit: rateLimit(env),
    cors: cors(env),
    bodyLimit: integer(env, 'RECO_BODY_LIMIT', DEFAULT_BODY_LIMIT, 1024, 16 * 1024 * 1024),
    cacheSize: integer(env, 'RECO_CACHE_SIZE', DEFAULT_CACHE_SIZE, 0, 10_000_000),
    trustProxy: boolean(env, 'RECO_TRUST_PROXY', false),
    docs: boolean(env, 'RECO_DOCS', true),
    logLevel,
    shutdownTimeoutMs: integer(env, 'RECO_SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownDelayMs: integer(env, 'RECO_SHUTDOWN_DELAY_MS', 0, 0, 600_000),
  };
}

function rateLimit(env: NodeJS.ProcessEnv): RateLimitOptions | false {
  const max = integer(env, 'RECO_RATE_LIMIT_MAX', DEFAULT_RATE_LIMIT.max, 0, 1_000_000_000);
  if (max === 0) return false;
  const windowMs = integer(env, 'RECO_RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMIT.windowMs, 1, 86_400_000);
  return { max, windowMs };
}

function cors(env: NodeJS.ProcessEnv): CorsOptions | false {
  const value = nonEmpty(env.RECO_CORS_ORIGINS);
  if (value === undefined) return false;
  if (value === '*') return { origins: '*' };
  const origins = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ApiError(
        'config',
        `RECO_CORS_ORIGINS: "${origin}" is not an origin like https://app.example.com (scheme and host, no path)`,
      );
    }
  }
  return { origins };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new ApiError('config', `${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ApiError('config', `${name} must be true or false (got "${env[name]}")`);
}
