import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { testServer } from './testing/server';

let app: App;
beforeAll(async () => {
  app = await testServer();
});
afterAll(() => app.close());

interface BadInput {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** A JSON value, or a raw string sent as is. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly status: number;
  /** The fields the problem must name, in any order; [] when the problem has no field list. */
  readonly fields: readonly string[];
}

const ratings = (...list: unknown[]) => ({ ratings: list });
const ok = { movieId: 1, rating: 4 };

const BAD_INPUTS: readonly BadInput[] = [
  {
    name: 'hexadecimal n',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=0x10',
    status: 400,
    fields: ['n'],
  },
  { name: 'exponent n', method: 'GET', url: '/v1/users/1/recommendations?n=1e1', status: 400, fields: ['n'] },
  {
    name: 'n with a blank',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=%2010',
    status: 400,
    fields: ['n'],
  },
  {
    name: 'binary user id',
    method: 'GET',
    url: '/v1/users/0b1/recommendations',
    status: 400,
    fields: ['userId'],
  },
  {
    name: 'hexadecimal year',
    method: 'GET',
    url: '/v1/users/1/recommendations?minYear=0x7C6',
    status: 400,
    fields: ['minYear'],
  },
  {
    name: 'empty fold-in body',
    method: 'POST',
    url: '/v1/recommendations',
    body: {},
    status: 400,
    fields: ['ratings'],
  },
  {
    name: 'empty predict body',
    method: 'POST',
    url: '/v1/predict',
    body: {},
    status: 400,
    fields: ['userId', 'movieIds'],
  },
  { name: 'n = 0', method: 'GET', url: '/v1/users/1/recommendations?n=0', status: 400, fields: ['n'] },
  {
    name: 'n = 100000',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=100000',
    status: 400,
    fields: ['n'],
  },
  {
    name: 'non-numeric n',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=ten',
    status: 400,
    fields: ['n'],
  },
  {
    name: 'fractional n',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=2.5',
    status: 400,
    fields: ['n'],
  },
  {
    name: 'non-numeric userId',
    method: 'GET',
    url: '/v1/users/abc/recommendations',
    status: 400,
    fields: ['userId'],
  },
  { name: 'userId 0', method: 'GET', url: '/v1/users/0/recommendations', status: 400, fields: ['userId'] },
  {
    name: 'negative userId',
    method: 'GET',
    url: '/v1/users/-3/recommendations',
    status: 400,
    fields: ['userId'],
  },
  {
    name: 'unknown query parameter',
    method: 'GET',
    url: '/v1/users/1/recommendations?count=5',
    status: 400,
    fields: ['count'],
  },
  {
    name: 'two unknown parameters and a bad n',
    method: 'GET',
    url: '/v1/users/1/recommendations?n=0&foo=1&bar=2',
    status: 400,
    fields: ['n', 'foo', 'bar'],
  },
  {
    name: 'unknown strategy',
    method: 'GET',
    url: '/v1/users/1/recommendations?strategy=best',
    status: 400,
    fields: ['strategy'],
  },
  {
    name: 'unknown genre',
    method: 'GET',
    url: '/v1/users/1/recommendations?genres=Western,Nope',
    status: 400,
    fields: ['genres'],
  },
  {
    name: 'minYear after maxYear',
    method: 'GET',
    url: '/v1/users/1/recommendations?minYear=2000&maxYear=1990',
    status: 400,
    fields: ['maxYear'],
  },
  {
    name: 'non-numeric year',
    method: 'GET',
    url: '/v1/users/1/recommendations?minYear=old',
    status: 400,
    fields: ['minYear'],
  },
  {
    name: 'empty ratings list',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings(),
    status: 400,
    fields: ['ratings'],
  },
  {
    name: 'no ratings at all',
    method: 'POST',
    url: '/v1/recommendations',
    body: { n: 5 },
    status: 400,
    fields: ['ratings'],
  },
  {
    name: 'rating above 5',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings(ok, { movieId: 2, rating: 6 }),
    status: 400,
    fields: ['ratings[1].rating'],
  },
  {
    name: 'rating below 0.5',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings({ movieId: 2, rating: 0 }),
    status: 400,
    fields: ['ratings[0].rating'],
  },
  {
    name: 'rating off the half-star scale',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings({ movieId: 2, rating: 3.3 }),
    status: 400,
    fields: ['ratings[0].rating'],
  },
  {
    name: 'rating as a string (bodies are not coerced)',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings({ movieId: 2, rating: '4' }),
    status: 400,
    fields: ['ratings[0].rating'],
  },
  {
    name: 'rating without movieId',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings({ rating: 4 }),
    status: 400,
    fields: ['ratings[0].movieId'],
  },
  {
    name: 'unknown property in a rating',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings({ ...ok, stars: 4 }),
    status: 400,
    fields: ['ratings[0].stars'],
  },
  {
    name: 'unknown body property',
    method: 'POST',
    url: '/v1/recommendations',
    body: { ...ratings(ok), userId: 3 },
    status: 400,
    fields: ['userId'],
  },
  {
    name: 'the same movie rated twice',
    method: 'POST',
    url: '/v1/recommendations',
    body: ratings(ok, { movieId: 2, rating: 3 }, { movieId: 1, rating: 2 }),
    status: 400,
    fields: ['ratings[2].movieId'],
  },
  {
    name: 'n = 0 in a body',
    method: 'POST',
    url: '/v1/recommendations',
    body: { ...ratings(ok), n: 0 },
    status: 400,
    fields: ['n'],
  },
  {
    name: 'too many ratings',
    method: 'POST',
    url: '/v1/recommendations',
    body: { ratings: Array.from({ length: 501 }, (_, i) => ({ movieId: i + 1, rating: 3 })) },
    status: 400,
    fields: ['ratings'],
  },
  {
    name: 'a JSON array body',
    method: 'POST',
    url: '/v1/recommendations',
    body: [ok],
    status: 400,
    fields: ['body'],
  },
  {
    name: 'malformed JSON',
    method: 'POST',
    url: '/v1/recommendations',
    body: '{"ratings": [',
    contentType: 'application/json',
    status: 400,
    fields: [],
  },
  {
    name: 'a body that is not JSON',
    method: 'POST',
    url: '/v1/recommendations',
    body: 'movieId=1&rating=4',
    contentType: 'text/plain',
    status: 415,
    fields: [],
  },
  {
    name: 'an oversized body',
    method: 'POST',
    url: '/v1/recommendations',
    body: JSON.stringify({ ratings: [ok], padding: 'x'.repeat(80 * 1024) }),
    contentType: 'application/json',
    status: 400,
    fields: ['body'],
  },
  {
    name: 'query parameters on a body route',
    method: 'POST',
    url: '/v1/recommendations?n=5',
    body: ratings(ok),
    status: 400,
    fields: ['n'],
  },
  {
    name: 'empty movieIds',
    method: 'POST',
    url: '/v1/predict',
    body: { userId: 1, movieIds: [] },
    status: 400,
    fields: ['movieIds'],
  },
  {
    name: 'string userId and missing movieIds',
    method: 'POST',
    url: '/v1/predict',
    body: { userId: 'one' },
    status: 400,
    fields: ['userId', 'movieIds'],
  },
  {
    name: 'a fractional movie id',
    method: 'POST',
    url: '/v1/predict',
    body: { userId: 1, movieIds: [1, 2.5] },
    status: 400,
    fields: ['movieIds[1]'],
  },
  { name: 'non-numeric movieId', method: 'GET', url: '/v1/movies/abc', status: 400, fields: ['movieId'] },
  {
    name: 'non-numeric similar movieId',
    method: 'GET',
    url: '/v1/movies/x1/similar',
    status: 400,
    fields: ['movieId'],
  },
  {
    name: 'unknown similarity',
    method: 'GET',
    url: '/v1/movies/1/similar?by=magic',
    status: 400,
    fields: ['by'],
  },
  { name: 'similar n = 0', method: 'GET', url: '/v1/movies/1/similar?n=0', status: 400, fields: ['n'] },
  {
    name: 'search too long',
    method: 'GET',
    url: `/v1/movies?search=${'a'.repeat(201)}`,
    status: 400,
    fields: ['search'],
  },
  {
    name: 'search limit 0',
    method: 'GET',
    url: '/v1/movies?search=alien&limit=0',
    status: 400,
    fields: ['limit'],
  },
  {
    name: 'negative offset',
    method: 'GET',
    url: '/v1/movies?search=alien&offset=-1',
    status: 400,
    fields: ['offset'],
  },
  {
    name: 'unknown search genre',
    method: 'GET',
    url: '/v1/movies?search=alien&genre=Nope',
    status: 400,
    fields: ['genre'],
  },
  {
    name: 'unknown model parameter',
    method: 'GET',
    url: '/v1/model?verbose=1',
    status: 400,
    fields: ['verbose'],
  },
];

describe('bad input', () => {
  it.each(BAD_INPUTS)('$name: $status naming $fields', async (input) => {
    const response = await app.inject({
      method: input.method,
      url: input.url,
      ...(input.body === undefined
        ? {}
        : typeof input.body === 'string'
          ? { payload: input.body, headers: { 'content-type': input.contentType ?? 'application/json' } }
          : { payload: input.body as object }),
    });
    expect(response.statusCode).toBe(input.status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({ status: input.status, instance: input.url.split('?')[0] });
    expect(typeof body.type).toBe('string');
    expect(typeof body.title).toBe('string');
    expect(body.detail.length).toBeGreaterThan(0);
    expect(body.requestId).toBe(response.headers['x-request-id']);
    expect(response.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
    const fields = (body.errors ?? []).map((e: { field: string }) => e.field);
    expect([...new Set(fields)].sort()).toEqual([...input.fields].sort());
    for (const field of input.fields) expect(body.detail).toContain(field);
  });
});

describe('garbage never produces a 500', () => {
  /** splitmix32: seeded, so a failure reproduces. */
  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
    };
  }

  it('answers 300 random malformed requests with 4xx problems', async () => {
    const next = random(2026);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const values = [
      '',
      '0',
      '-1',
      '1e309',
      'NaN',
      '[]',
      '{}',
      '%00',
      'null',
      '9'.repeat(40),
      'ü',
      '1,2',
      'a'.repeat(300),
    ];
    const paths = [
      (v: string) => `/v1/users/${v}/recommendations?n=${pick(values)}`,
      (v: string) => `/v1/users/1/recommendations?${pick(['n', 'genres', 'minYear', 'strategy', 'x'])}=${v}`,
      (v: string) => `/v1/movies/${v}/similar?by=${pick(values)}`,
      (v: string) => `/v1/movies?search=${v}&limit=${pick(values)}`,
    ];
    const bodies = [
      () => ({ ratings: [{ movieId: pick([1, -1, 0.5, 'x', null]), rating: pick([4, 0, 9, '4', null]) }] }),
      () => ({ userId: pick([1, 'a', null, -2]), movieIds: pick([[], [null], [1, 1e12], 'x']) }),
      () => pick([null, 1, 'x', [], {}, { ratings: null }]),
    ];
    let clientErrors = 0;
    for (let i = 0; i < 300; i++) {
      const response =
        next() < 0.6
          ? await app.inject({ method: 'GET', url: pick(paths)(encodeURIComponent(pick(values))) })
          : await app.inject({
              method: 'POST',
              url: pick(['/v1/recommendations', '/v1/predict']),
              payload: JSON.stringify(pick(bodies)()),
              headers: { 'content-type': 'application/json' },
            });
      expect(response.statusCode, response.body).toBeLessThan(500);
      if (response.statusCode >= 400) {
        clientErrors++;
        expect(response.headers['content-type'], response.body).toMatch(/^application\/problem\+json/);
      }
    }
    expect(clientErrors).toBeGreaterThan(200);
  });
});
