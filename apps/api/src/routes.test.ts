import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadRecommender, type Recommender } from '@reco/serving';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { testArtifacts, testServer } from './testing/server';
import { BUNDLED_DATA } from './testing/train-artifacts';

let app: App;
/** The same bundle loaded straight through the library: what the HTTP answers must equal. */
let reference: Recommender;
let manifest: {
  bestModel: { model: string; variant: string; threshold: number };
  dataset: { fingerprint: string };
};

beforeAll(async () => {
  app = await testServer();
  reference = await loadRecommender(testArtifacts());
  manifest = JSON.parse(await readFile(join(testArtifacts(), 'manifest.json'), 'utf8'));
});

afterAll(async () => {
  await app.close();
  reference.dispose();
});

async function getJson(url: string) {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

async function postJson(url: string, payload: unknown) {
  const response = await app.inject({ method: 'POST', url, payload: payload as object });
  return { status: response.statusCode, headers: response.headers, body: response.json() };
}

/** JSON round trip, so the reference has exactly the shape a client would see. */
const wire = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('served strategies', () => {
  it('GET /v1/model names the strategies the bundle serves and its default', async () => {
    const { body } = await getJson('/v1/model');
    expect(body.strategies).toEqual([...reference.serving.strategies]);
    expect(body.defaultStrategy).toBe(reference.serving.strategy);
    expect(body.strategies).toContain(body.defaultStrategy);
  });

  it('a request without strategy gets the default; one the bundle lacks is a 400 naming the allowed', async () => {
    const { body } = await getJson('/v1/users/1/recommendations?n=3');
    expect(body.strategy).toBe(reference.serving.strategy);
    const missing = ['ease', 'item-knn', 'rp3beta', 'als'].find(
      (s) => !reference.serving.strategies.includes(s as never),
    );
    if (missing === undefined) return;
    const response = await getJson(`/v1/users/1/recommendations?strategy=${missing}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('strategy');
    for (const allowed of reference.serving.strategies) expect(response.body.detail).toContain(allowed);
  });
});

describe('GET /v1/users/:userId/recommendations', () => {
  it('returns the served model top 10 for a known user by default', async () => {
    const { status, body, headers } = await getJson('/v1/users/1/recommendations');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual({ userId: 1, ...wire(reference.recommend(1, { n: 10 })) });
    expect(body.items).toHaveLength(10);
  });

  it('passes n and strategy through', async () => {
    const { body } = await getJson('/v1/users/42/recommendations?n=5&strategy=cf');
    expect(body).toEqual({ userId: 42, ...wire(reference.recommend(42, { n: 5, strategy: 'cf' })) });
    expect(body.strategy).toBe('cf');
  });

  it('filters by genres and years, whether genres are comma-separated or repeated', async () => {
    const comma = await getJson(
      '/v1/users/7/recommendations?genres=Comedy,Drama&minYear=1990&maxYear=1999&n=8',
    );
    const repeated = await getJson(
      '/v1/users/7/recommendations?genres=Comedy&genres=Drama&minYear=1990&maxYear=1999&n=8',
    );
    expect(comma.status).toBe(200);
    expect(repeated.body).toEqual(comma.body);
    expect(comma.body.items.length).toBeGreaterThan(0);
    for (const item of comma.body.items) {
      expect(item.genres.some((g: string) => g === 'Comedy' || g === 'Drama')).toBe(true);
      expect(item.year).toBeGreaterThanOrEqual(1990);
      expect(item.year).toBeLessThanOrEqual(1999);
    }
    const direct = reference.recommend(7, {
      n: 8,
      genres: ['Comedy', 'Drama'],
      minYear: 1990,
      maxYear: 1999,
    });
    expect(comma.body.items).toEqual(wire(direct.items));
  });

  it('answers 404 with a problem for an unknown user', async () => {
    const { status, body, headers } = await getJson('/v1/users/99999/recommendations');
    expect(status).toBe(404);
    expect(headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      type: 'urn:reco:problem:unknown-user',
      title: 'Unknown user',
      status: 404,
      instance: '/v1/users/99999/recommendations',
    });
    expect(body.detail).toContain('99999');
    expect(body.detail).not.toMatch(/^recommend:/);
  });

  it('serves repeated unfiltered requests from the cache and filtered ones from the model', async () => {
    const stats = async () => (await getJson('/v1/model')).body.serving.cache.recommendations;
    const before = await stats();
    const first = await getJson('/v1/users/3/recommendations?n=4');
    const second = await getJson('/v1/users/3/recommendations?n=4');
    await getJson('/v1/users/3/recommendations?n=4&genres=Drama');
    const after = await stats();
    expect(second.body).toEqual(first.body);
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses - before.misses).toBe(1);
    expect(after.entries - before.entries).toBe(1);
  });
});

describe('GET /v1/users/:userId/history', () => {
  it("answers the library's history of the user's training ratings, 10 per list by default", async () => {
    const { status, body, headers } = await getJson('/v1/users/1/history');
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(body).toEqual(wire(reference.userHistory(1, { n: 10 })));
    expect(body.topRated).toHaveLength(Math.min(10, body.ratingCount));
    expect(body.topRated[0].rating).toBeGreaterThanOrEqual(body.lowestRated[0].rating);
    expect(body.genres.length).toBeGreaterThan(0);
    const n3 = await getJson('/v1/users/7/history?n=3');
    expect(n3.body).toEqual(wire(reference.userHistory(7, { n: 3 })));
    expect(n3.body.lowestRated).toHaveLength(3);
  });

  it('answers an unknown user with the same 404 problem the recommendations route gives', async () => {
    const { status, body, headers } = await getJson('/v1/users/99999/history');
    expect(status).toBe(404);
    expect(headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({
      type: 'urn:reco:problem:unknown-user',
      title: 'Unknown user',
      status: 404,
      instance: '/v1/users/99999/history',
    });
    expect(body.detail).toContain('99999');
    expect(body.detail).not.toMatch(/^userHistory:/);
  });

  it('rejects a bad n and unknown parameters with 400s naming them', async () => {
    for (const [query, field] of [
      ['n=0', 'n'],
      ['n=101', 'n'],
      ['n=0x10', 'n'],
      ['strategy=cf', 'strategy'],
    ] as const) {
      const { status, body } = await getJson(`/v1/users/1/history?${query}`);
      expect(status, query).toBe(400);
      expect(body.type).toBe('urn:reco:problem:invalid-request');
      expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('is documented in the OpenAPI document with its schemas and problem answers', async () => {
    const { body } = await getJson('/openapi.json');
    const operation = body.paths['/v1/users/{userId}/history'].get;
    expect(operation.operationId).toBe('getUserHistory');
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '429']));
    expect(operation.responses['404'].content).toHaveProperty('application/problem+json');
    const ok = JSON.stringify(operation.responses['200']);
    for (const field of ['topRated', 'lowestRated', 'genres', 'globalMeanRating'])
      expect(ok).toContain(field);
  });
});

describe('POST /v1/recommendations', () => {
  const ratings = [
    { movieId: 1, rating: 5 },
    { movieId: 260, rating: 4.5 },
    { movieId: 2571, rating: 2, timestamp: 1_500_000_000 },
  ];

  it('recommends for a new user by fold-in, leaving out the rated movies', async () => {
    const { status, body } = await postJson('/v1/recommendations', { ratings, n: 6 });
    expect(status).toBe(200);
    expect(body).toEqual(wire(reference.recommendForRatings(ratings, { n: 6 })));
    expect(body.items).toHaveLength(6);
    const rated = new Set(ratings.map((r) => r.movieId));
    for (const item of body.items) expect(rated.has(item.movieId)).toBe(false);
  });

  it('answers 404 when a rating names an unknown movie', async () => {
    const { status, body } = await postJson('/v1/recommendations', {
      ratings: [{ movieId: 424242, rating: 4 }],
    });
    expect(status).toBe(404);
    expect(body.type).toBe('urn:reco:problem:unknown-movie');
  });
});

describe('POST /v1/predict', () => {
  it('returns each like probability and the threshold chosen in training', async () => {
    const movieIds = [1, 2, 3, 318];
    const { status, body } = await postJson('/v1/predict', { userId: 5, movieIds });
    expect(status).toBe(200);
    expect(body.threshold).toBe(manifest.bestModel.threshold);
    const direct = reference.predict(5, movieIds);
    expect(body.predictions.map((p: { movieId: number }) => p.movieId)).toEqual(movieIds);
    body.predictions.forEach((p: { probability: number; like: boolean }, i: number) => {
      expect(p.probability).toBeCloseTo(direct.predictions[i]!.probability, 6);
      expect(p.like).toBe(p.probability >= body.threshold);
    });
  });

  it('answers 404 for an unknown user or movie', async () => {
    expect((await postJson('/v1/predict', { userId: 99999, movieIds: [1] })).status).toBe(404);
    expect((await postJson('/v1/predict', { userId: 1, movieIds: [1, 424242] })).body.type).toBe(
      'urn:reco:problem:unknown-movie',
    );
  });
});

describe('movies', () => {
  /** movieId -> title line of the bundled movies.csv, read independently of the service. */
  async function moviesCsvLine(movieId: number): Promise<string> {
    const text = await readFile(join(BUNDLED_DATA, 'movies.csv'), 'utf8');
    const line = text.split(/\r?\n/).find((l) => l.startsWith(`${movieId},`));
    if (line === undefined) throw new Error(`movie ${movieId} not in movies.csv`);
    return line;
  }

  it('GET /v1/movies/:movieId returns the catalogue entry', async () => {
    const { status, body } = await getJson('/v1/movies/1');
    expect(status).toBe(200);
    expect(await moviesCsvLine(1)).toBe('1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy');
    expect(body).toMatchObject({
      movieId: 1,
      title: 'Toy Story',
      year: 1995,
      genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
    });
    expect(body.ratingCount).toBeGreaterThan(0);
  });

  it('GET /v1/movies/:movieId answers 404 for an unknown movie', async () => {
    const { status, body } = await getJson('/v1/movies/424242');
    expect(status).toBe(404);
    expect(body.type).toBe('urn:reco:problem:unknown-movie');
  });

  it('GET /v1/movies searches titles and pages', async () => {
    const first = await getJson('/v1/movies?search=toy%20story&limit=1');
    const second = await getJson('/v1/movies?search=toy%20story&limit=1&offset=1');
    expect(first.status).toBe(200);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
    expect(first.body).toMatchObject({ limit: 1, offset: 0 });
    expect(first.body.items[0].title).toBe('Toy Story');
    expect(second.body.items[0].movieId).not.toBe(first.body.items[0].movieId);
    expect(second.body.items[0].title).toMatch(/^Toy Story/);
  });

  it('GET /v1/movies filters search results by genre', async () => {
    const { body } = await getJson('/v1/movies?search=story&genre=Horror&limit=50');
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.genres).toContain('Horror');
  });

  it('GET /v1/movies without a search lists a genre, most rated first', async () => {
    const { status, body } = await getJson('/v1/movies?genre=Film-Noir&limit=100');
    expect(status).toBe(200);
    const noir = reference.searchMovies('', { genre: 'Film-Noir', limit: 1000 });
    expect(body.total).toBe(noir.total);
    expect(body.total).toBeGreaterThan(10);
    for (const item of body.items) expect(item.genres).toContain('Film-Noir');
    const counts = body.items.map((i: { ratingCount: number }) => i.ratingCount);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
  });

  it('GET /v1/movies/:movieId/similar returns neighbours, never the movie itself', async () => {
    for (const by of ['content', 'cf', 'blend'] as const) {
      const { status, body } = await getJson(`/v1/movies/260/similar?n=5&by=${by}`);
      expect(status).toBe(200);
      expect(body).toEqual({ movieId: 260, by, items: wire(reference.similar(260, { n: 5, by })) });
      expect(body.items.map((i: { movieId: number }) => i.movieId)).not.toContain(260);
    }
    const byDefault = await getJson('/v1/movies/260/similar');
    expect(byDefault.body.by).toBe('blend');
    expect(byDefault.body.items).toHaveLength(10);
  });
});

describe('GET /v1/model', () => {
  it('describes the served model from the manifest', async () => {
    const { status, body } = await getJson('/v1/model');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      model: manifest.bestModel.model,
      variant: manifest.bestModel.variant,
      threshold: manifest.bestModel.threshold,
      dataset: { fingerprint: manifest.dataset.fingerprint },
      serving: { generation: 1 },
    });
    expect(body.trainingSeconds).toBeGreaterThan(0);
    const metrics = Object.values(body.testMetrics) as number[];
    expect(metrics.length).toBeGreaterThan(0);
    for (const value of metrics) expect(Number.isFinite(value)).toBe(true);
  });

  it("names the dataset by its folder, never by the server's filesystem path", async () => {
    const trained = JSON.parse(await readFile(join(testArtifacts(), 'manifest.json'), 'utf8'));
    expect(trained.dataset.source).toContain('/');
    const { body } = await getJson('/v1/model');
    expect(body.dataset.source).toBe(basename(trained.dataset.source));
    for (const route of ['/v1/model', '/v1/dataset/summary']) {
      const text = (await app.inject(route)).body;
      expect(text).not.toContain(trained.dataset.source);
      expect(text).not.toContain(testArtifacts());
    }
  });
});

describe('health, docs and request ids', () => {
  it('reports live and ready', async () => {
    expect((await getJson('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await getJson('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', generation: 1, reloading: false });
  });

  it('serves an OpenAPI 3 document listing every route with its parameters', async () => {
    const { status, body } = await getJson('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/health/live',
        '/health/ready',
        '/v1/dataset/summary',
        '/v1/model',
        '/v1/model/report',
        '/v1/movies',
        '/v1/movies/{movieId}',
        '/v1/movies/{movieId}/similar',
        '/v1/predict',
        '/v1/recommendations',
        '/v1/users/{userId}/history',
        '/v1/users/{userId}/recommendations',
      ].sort(),
    );
    const names = body.paths['/v1/users/{userId}/recommendations'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(names.sort()).toEqual(['genres', 'maxYear', 'minYear', 'n', 'strategy', 'userId']);
    expect(body.paths['/v1/predict'].post.requestBody.content['application/json'].schema.required).toEqual([
      'userId',
      'movieIds',
    ]);
  });

  it('serves the interactive docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const kept = await app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await app.inject({
      method: 'GET',
      url: '/v1/users/99999/recommendations',
      headers: { 'x-request-id': 'evil id\n' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(replaced.json().requestId).toBe(replaced.headers['x-request-id']);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/v2/nothing?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, instance: '/v2/nothing' });
  });
});
