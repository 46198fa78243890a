import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecoClient, queryString } from './client';
import { isClientError } from './errors';

/** A real HTTP server on loopback that answers like the API does for a few paths. */
let server: Server;
let baseUrl: string;
const seen: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      if (req.url?.startsWith('/v1/users/999999/')) {
        res.writeHead(404, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            type: 'urn:reco:problem:unknown-user',
            title: 'Unknown user',
            status: 404,
            detail: 'unknown user 999999',
            instance: req.url,
            requestId: 'r1',
          }),
        );
      } else if (req.url === '/v1/model') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: req.url, strategy: 'cf', fallback: false, items: [] }));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('queryString', () => {
  it('repeats list values, skips undefined and encodes', () => {
    expect(queryString({ n: 5, genres: ['Drama', 'Sci-Fi'], minYear: undefined, search: 'toy story' })).toBe(
      '?n=5&genres=Drama&genres=Sci-Fi&search=toy+story',
    );
    expect(queryString({})).toBe('');
  });
});

describe('createRecoClient', () => {
  it('builds the documented paths and sends fold-in ratings as a JSON body', async () => {
    const api = createRecoClient({ baseUrl });
    const got = (await api.recommendations(7, { n: 3, strategy: 'cf' })) as unknown as { echo: string };
    expect(got.echo).toBe('/v1/users/7/recommendations?n=3&strategy=cf');
    await api.recommendForRatings({ ratings: [{ movieId: 1, rating: 4.5 }], n: 5 });
    const post = seen[seen.length - 1]!;
    expect(post.method).toBe('POST');
    expect(JSON.parse(post.body)).toEqual({ ratings: [{ movieId: 1, rating: 4.5 }], n: 5 });
  });

  it('asks for a user history at /v1/users/:userId/history, and rejects a bad id unsent', async () => {
    const api = createRecoClient({ baseUrl });
    const got = (await api.userHistory(12, { n: 4 })) as unknown as { echo: string };
    expect(got.echo).toBe('/v1/users/12/history?n=4');
    const plain = (await api.userHistory(3)) as unknown as { echo: string };
    expect(plain.echo).toBe('/v1/users/3/history');
    const before = seen.length;
    await expect(api.userHistory(1.5)).rejects.toMatchObject({ code: 'invalid-input', field: 'userId' });
    expect(seen.length).toBe(before);
    const error = await api.userHistory(999999).catch((e: unknown) => e);
    expect(isClientError(error, 'problem') && error.problemType).toBe('unknown-user');
  });

  it('posts a known user and movie ids to /v1/predict, and rejects a bad user id unsent', async () => {
    const api = createRecoClient({ baseUrl });
    await api.predict({ userId: 1, movieIds: [1, 260] });
    const post = seen[seen.length - 1]!;
    expect(post).toMatchObject({ method: 'POST', url: '/v1/predict' });
    expect(JSON.parse(post.body)).toEqual({ userId: 1, movieIds: [1, 260] });
    const before = seen.length;
    await expect(api.predict({ userId: 0, movieIds: [1] })).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'userId',
    });
    expect(seen.length).toBe(before);
  });

  it('turns a problem answer into a ClientError with its status and type', async () => {
    const api = createRecoClient({ baseUrl });
    const error = await api.recommendations(999999).catch((e: unknown) => e);
    expect(isClientError(error, 'problem')).toBe(true);
    if (!isClientError(error)) return;
    expect(error.status).toBe(404);
    expect(error.problemType).toBe('unknown-user');
  });

  it('names a bad argument without sending, and a non-JSON answer as bad-response', async () => {
    const api = createRecoClient({ baseUrl });
    const before = seen.length;
    await expect(api.movie(0)).rejects.toMatchObject({ code: 'invalid-input', field: 'movieId' });
    expect(seen.length).toBe(before);
    await expect(api.model()).rejects.toMatchObject({ code: 'bad-response', status: 200 });
  });

  it('reports an API that is down as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const api = createRecoClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(api.datasetSummary()).rejects.toMatchObject({ code: 'unreachable', status: 0 });
  });
});
