import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import type { App } from './app';
import { testServer } from './testing/server';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('OpenAPI document', () => {
  it('gives every route a unique operationId and takes info.version from the package', async () => {
    app = await testServer({ adminToken: 'test-admin-token-0123456789abcdef' });
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.info.version).toBe(packageJson.version);
    const ids: string[] = [];
    for (const [path, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        const id = (operation as { operationId?: string }).operationId;
        expect(id, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(id as string);
      }
    }
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('load shedding', () => {
  it('answers 503 problems with Retry-After while the event loop lags', async () => {
    app = await testServer({ maxEventLoopDelayMs: 20 });
    let response = await app.inject('/v1/movies/1');
    expect(response.statusCode).toBe(200);
    const deadline = Date.now() + 5_000;
    while (response.statusCode !== 503 && Date.now() < deadline) {
      const until = Date.now() + 150;
      while (Date.now() < until) {
        // Hold the event loop, as a CPU-bound burst would.
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      response = await app.inject('/v1/movies/1');
    }
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 503, instance: '/v1/movies/1' });
  });
});
