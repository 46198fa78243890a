import { afterEach, describe, expect, it } from 'vitest';
import type { App } from './app';
import { testServer } from './testing/server';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('rate limit', () => {
  it('answers 429 problems past the limit, with Retry-After, and never limits health checks', async () => {
    app = await testServer({ rateLimit: { max: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await app.inject('/v1/movies/1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const limited = await app.inject('/v1/users/1/recommendations');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(limited.json().detail).toContain('3 requests');

    expect((await app.inject('/health/ready')).statusCode).toBe(200);
    expect((await app.inject('/health/live')).statusCode).toBe(200);
  });

  it('counts each client address separately', async () => {
    app = await testServer({ rateLimit: { max: 1, windowMs: 60_000 } });
    expect((await app.inject({ url: '/v1/movies/1', remoteAddress: '10.0.0.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/movies/1', remoteAddress: '10.0.0.1' })).statusCode).toBe(429);
    expect((await app.inject({ url: '/v1/movies/1', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
  });

  it('throttles requests to unknown paths too', async () => {
    app = await testServer({ rateLimit: { max: 1, windowMs: 60_000 } });
    expect((await app.inject('/nope')).statusCode).toBe(404);
    expect((await app.inject('/nope')).statusCode).toBe(429);
  });
});

describe('CORS', () => {
  const origin = 'https://app.example.com';

  it('is off by default: no CORS headers, even for a preflight', async () => {
    app = await testServer();
    const simple = await app.inject({ url: '/v1/movies/1', headers: { origin } });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/predict',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins', async () => {
    app = await testServer({ cors: { origins: [origin] } });
    const allowed = await app.inject({ url: '/v1/movies/1', headers: { origin } });
    expect(allowed.headers['access-control-allow-origin']).toBe(origin);
    expect(allowed.headers['access-control-expose-headers']).toContain('x-request-id');
    const other = await app.inject({ url: '/v1/movies/1', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/predict',
      headers: { origin, 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });
});

describe('body limit', () => {
  it('is configurable', async () => {
    app = await testServer({ bodyLimit: 2048 });
    const ratings = Array.from({ length: 100 }, (_, i) => ({ movieId: i + 1, rating: 3 }));
    const response = await app.inject({ method: 'POST', url: '/v1/recommendations', payload: { ratings } });
    expect(JSON.stringify({ ratings }).length).toBeGreaterThan(2048);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().errors).toEqual([
      { field: 'body', in: 'body', message: 'is larger than the 2048 bytes accepted' },
    ]);
  });
});
