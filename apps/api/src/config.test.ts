import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { ApiError } from './errors';

describe('readConfig', () => {
  it('has a default for everything', () => {
    const config = readConfig({}, '/srv/reco');
    expect(config).toMatchObject({
      artifactsDir: '/srv/reco/artifacts',
      host: '127.0.0.1',
      port: 8080,
      adminToken: null,
      rateLimit: { max: 600, windowMs: 60_000 },
      cors: false,
      bodyLimit: 65_536,
      cacheSize: 10_000,
      trustProxy: false,
      docs: true,
      logLevel: 'info',
      shutdownTimeoutMs: 10_000,
      shutdownDelayMs: 0,
    });
  });

  it('resolves a relative RECO_ARTIFACTS against the folder pnpm was run from', () => {
    expect(
      readConfig({ RECO_ARTIFACTS: 'out/bundle', INIT_CWD: '/repo' }, '/repo/apps/api').artifactsDir,
    ).toBe('/repo/out/bundle');
    expect(readConfig({ RECO_ARTIFACTS: '/abs/bundle', INIT_CWD: '/repo' }, '/x').artifactsDir).toBe(
      '/abs/bundle',
    );
  });

  it('reads every variable', () => {
    const token = 'a'.repeat(32);
    const config = readConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        RECO_ADMIN_TOKEN: token,
        RECO_RATE_LIMIT_MAX: '50',
        RECO_RATE_LIMIT_WINDOW_MS: '1000',
        RECO_CORS_ORIGINS: 'https://a.example, http://localhost:3000',
        RECO_BODY_LIMIT: '4096',
        RECO_CACHE_SIZE: '0',
        RECO_TRUST_PROXY: 'true',
        RECO_DOCS: 'false',
        RECO_LOG_LEVEL: 'warn',
        RECO_SHUTDOWN_TIMEOUT_MS: '500',
        RECO_SHUTDOWN_DELAY_MS: '200',
      },
      '/',
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      adminToken: token,
      rateLimit: { max: 50, windowMs: 1000 },
      cors: { origins: ['https://a.example', 'http://localhost:3000'] },
      bodyLimit: 4096,
      cacheSize: 0,
      trustProxy: true,
      docs: false,
      logLevel: 'warn',
      shutdownTimeoutMs: 500,
      shutdownDelayMs: 200,
    });
  });

  it('turns the rate limit off with 0 and allows any origin with *', () => {
    const config = readConfig({ RECO_RATE_LIMIT_MAX: '0', RECO_CORS_ORIGINS: '*' }, '/');
    expect(config.rateLimit).toBe(false);
    expect(config.cors).toEqual({ origins: '*' });
  });

  it.each([
    [{ PORT: 'http' }, /PORT must be a whole number from 0 to 65535 \(got "http"\)/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ RECO_RATE_LIMIT_MAX: '1.5' }, /RECO_RATE_LIMIT_MAX/],
    [{ RECO_ADMIN_TOKEN: 'short' }, /RECO_ADMIN_TOKEN must be at least 16 characters/],
    [{ RECO_CORS_ORIGINS: 'app.example.com' }, /RECO_CORS_ORIGINS: "app.example.com" is not an origin/],
    [{ RECO_TRUST_PROXY: 'yes' }, /RECO_TRUST_PROXY must be true or false/],
    [{ RECO_LOG_LEVEL: 'loud' }, /RECO_LOG_LEVEL must be one of/],
    [{ RECO_BODY_LIMIT: '10' }, /RECO_BODY_LIMIT must be a whole number from 1024/],
  ])('rejects %o naming the variable', (env, message) => {
    expect(() => readConfig(env, '/')).toThrow(ApiError);
    expect(() => readConfig(env, '/')).toThrow(message);
  });
});
