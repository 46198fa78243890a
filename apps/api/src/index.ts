export type { App } from './app';
export { readConfig, type ServiceConfig } from './config';
export { ApiError, type ApiErrorCode } from './errors';
export type { BuildServerOptions, CorsOptions, LoadRecommender, RateLimitOptions } from './options';
export type { FieldError, Problem } from './problem';
export { buildServer } from './server';
