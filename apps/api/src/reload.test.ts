import { appendFile, copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BundleError } from '@reco/bundle';
import { loadRecommender } from '@reco/serving';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from './app';
import { buildServer } from './server';
import { copyArtifacts, testArtifacts, testServer } from './testing/server';
import { trackingLoader } from './testing/tracking-loader';

const TOKEN = 'test-admin-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

let app: App | undefined;
let bundle: { dir: string; remove: () => Promise<void> };
let tracker: ReturnType<typeof trackingLoader>;

beforeEach(async () => {
  bundle = await copyArtifacts();
  tracker = trackingLoader();
});

afterEach(async () => {
  await app?.close();
  app = undefined;
  await bundle.remove();
});

const start = async () => {
  app = await testServer({ artifactsDir: bundle.dir, loadRecommender: tracker.load, adminToken: TOKEN });
  return app;
};

/** A mix of every model-backed route, as a client population would send them. */
function traffic(server: App, count: number) {
  return Array.from({ length: count }, (_, i) => {
    switch (i % 5) {
      case 0:
        return server.inject(`/v1/users/${1 + (i % 50)}/recommendations`);
      case 1:
        return server.inject(`/v1/users/${1 + (i % 50)}/recommendations?genres=Drama&n=5`);
      case 2:
        return server.inject(`/v1/movies/${[1, 260, 318, 2571][i % 4]}/similar?n=5`);
      case 3:
        return server.inject({
          method: 'POST',
          url: '/v1/predict',
          payload: { userId: 1 + (i % 20), movieIds: [1, 2] },
        });
      default:
        return server.inject({
          method: 'POST',
          url: '/v1/recommendations',
          payload: {
            ratings: [
              { movieId: 1, rating: 5 },
              { movieId: 260, rating: 4 },
            ],
            n: 5,
          },
        });
    }
  });
}

describe('POST /admin/reload', () => {
  it('does not exist without an admin token', async () => {
    app = await testServer();
    expect((await app.inject({ method: 'POST', url: '/admin/reload', headers: auth })).statusCode).toBe(404);
    const spec = (await app.inject('/openapi.json')).json();
    expect(spec.paths['/admin/reload']).toBeUndefined();
  });

  it('refuses a missing or wrong token with 401', async () => {
    const server = await start();
    for (const headers of [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: TOKEN },
    ]) {
      const response = await server.inject({ method: 'POST', url: '/admin/reload', headers });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(tracker.loaded).toHaveLength(1);
  });

  it('accepts the Bearer scheme in any case, as HTTP auth schemes are case-insensitive', async () => {
    const server = await start();
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await server.inject({
        method: 'POST',
        url: '/admin/reload',
        headers: { authorization: `${scheme} ${TOKEN}` },
      });
      expect(response.statusCode).toBe(200);
    }
    expect(tracker.loaded).toHaveLength(4);
  });

  it('warms the model up once before it reports ready, and not again on reload', async () => {
    const server = await start();
    expect((await server.inject('/health/ready')).statusCode).toBe(200);
    expect(tracker.loaded.map((m) => m.warmUps)).toEqual([1]);
    const reloaded = await server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    expect(reloaded.statusCode).toBe(200);
    // A reload runs beside live traffic, so it adds no synchronous work; the code is warm already.
    expect(tracker.loaded.map((m) => m.warmUps)).toEqual([1, 0]);
  });

  it('swaps atomically while requests are in flight: every request succeeds', async () => {
    const server = await start();
    const release = tracker.hold();
    const reload = server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await server.inject('/health/ready')).json()).toMatchObject({ generation: 1, reloading: true });

    // Requests while the new bundle loads, then more while it lands and the swap happens.
    const during = traffic(server, 100);
    const duringResponses = await Promise.all(during);
    release();
    const around = traffic(server, 150);
    const [reloaded, ...responses] = await Promise.all([reload, ...around]);

    for (const response of [...duringResponses, ...responses])
      expect(response.statusCode, response.body).toBe(200);
    expect(reloaded?.statusCode, reloaded?.body).toBe(200);
    expect(reloaded?.json()).toMatchObject({ status: 'reloaded', serving: { generation: 2 } });

    // The old model was freed, the new one serves, and the cache started afresh with it.
    const [first, second] = tracker.loaded;
    expect(first?.disposed).toBe(true);
    expect(second?.disposed).toBe(false);
    const before = second!.calls;
    const after = await server.inject('/v1/users/123/recommendations?n=3');
    expect(after.statusCode).toBe(200);
    expect(second!.calls).toBe(before + 1);
    const model = (await server.inject('/v1/model')).json();
    expect(model.serving.generation).toBe(2);
    expect(model.serving.cache.recommendations.entries).toBeLessThanOrEqual(51);
  });

  it('answers 409 to a reload while another is running', async () => {
    const server = await start();
    const release = tracker.hold();
    const first = server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toBe('urn:reco:problem:reload-in-progress');
    release();
    expect((await first).statusCode).toBe(200);
  });

  it('keeps the old model serving when the new bundle is corrupt, and says why', async () => {
    const server = await start();
    await appendFile(join(bundle.dir, 'data', 'catalog.json'), ' ');
    const failed = await server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    expect(failed.statusCode).toBe(500);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = failed.json();
    expect(body.type).toBe('urn:reco:problem:reload-failed');
    expect(body.detail).toContain('data/catalog.json');
    expect(body.detail).toContain('previous artifacts (generation 1) keep serving');

    expect((await server.inject('/v1/users/1/recommendations')).statusCode).toBe(200);
    expect((await server.inject('/v1/model')).json().serving.generation).toBe(1);
    expect(tracker.loaded[0]?.disposed).toBe(false);

    // Once the bundle is whole again, a reload goes through.
    await copyFile(join(testArtifacts(), 'data', 'catalog.json'), join(bundle.dir, 'data', 'catalog.json'));
    expect((await server.inject({ method: 'POST', url: '/admin/reload', headers: auth })).statusCode).toBe(
      200,
    );
    expect((await server.inject('/v1/model')).json().serving.generation).toBe(2);
  });

  it('keeps serving when the bundle has disappeared', async () => {
    const server = await start();
    await rm(join(bundle.dir, 'manifest.json'));
    const failed = await server.inject({ method: 'POST', url: '/admin/reload', headers: auth });
    expect(failed.statusCode).toBe(500);
    expect(failed.json().detail).toContain('manifest.json');
    expect((await server.inject('/v1/movies/1')).statusCode).toBe(200);
  });
});

describe('startup', () => {
  it('fails before serving anything when the artifacts are missing', async () => {
    const attempt = buildServer({
      artifactsDir: join(bundle.dir, 'nowhere'),
      loadRecommender: (dir) => loadRecommender(dir),
      logger: false,
    });
    await expect(attempt).rejects.toBeInstanceOf(BundleError);
    await expect(attempt).rejects.toMatchObject({ code: 'bad-artifacts', file: join(bundle.dir, 'nowhere') });
  });

  it('fails naming the file when an artifact is corrupt', async () => {
    await appendFile(join(bundle.dir, 'features', 'pipeline.json'), '\n');
    const attempt = buildServer({
      artifactsDir: bundle.dir,
      loadRecommender: (dir) => loadRecommender(dir),
      logger: false,
    });
    await expect(attempt).rejects.toMatchObject({ code: 'bad-artifacts' });
    await expect(attempt).rejects.toThrow(/features\/pipeline\.json/);
  });
});
