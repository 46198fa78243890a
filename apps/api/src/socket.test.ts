import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from './app';
import { testServer } from './testing/server';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function listen(): Promise<{ server: App; base: string; port: number }> {
  const server = await testServer();
  app = server;
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

describe('over a real socket', () => {
  it('serves JSON and problems to fetch on an ephemeral loopback port', async () => {
    const { base } = await listen();
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });

    const recommendations = await fetch(`${base}/v1/users/1/recommendations?n=3`, {
      headers: { 'x-request-id': 'socket-test-1' },
    });
    expect(recommendations.status).toBe(200);
    expect(recommendations.headers.get('x-request-id')).toBe('socket-test-1');
    const body = (await recommendations.json()) as { userId: number; items: unknown[] };
    expect(body.userId).toBe(1);
    expect(body.items).toHaveLength(3);

    const folded = await fetch(`${base}/v1/recommendations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ratings: [{ movieId: 1, rating: 5 }], n: 2 }),
    });
    expect(folded.status).toBe(200);
    expect(((await folded.json()) as { items: unknown[] }).items).toHaveLength(2);

    const bad = await fetch(`${base}/v1/users/1/recommendations?n=0`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await bad.json()) as { errors: unknown }).errors).toEqual([
      { field: 'n', in: 'query', message: 'must be >= 1' },
    ]);
  });

  it('lets an in-flight request finish on close, then refuses new connections', async () => {
    const { server, port } = await listen();
    const payload = JSON.stringify({ ratings: [{ movieId: 260, rating: 5 }], n: 4 });
    // Send half the body, close the server while the request is in flight, then finish it.
    let finishBody = () => {};
    const response = new Promise<{ status: number; body: string; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/recommendations',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
            );
          },
        );
        req.on('error', reject);
        req.write(payload.slice(0, 10));
        finishBody = () => req.end(payload.slice(10));
      },
    );
    // Close only once the server holds the connection, so the request is truly in flight.
    while (
      (await new Promise<number>((resolve) => server.server.getConnections((_, n) => resolve(n)))) === 0
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closed = server.close();
    app = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    finishBody();
    const finished = await response;
    await closed;
    expect(finished.status).toBe(200);
    // The client is told to drop its keep-alive connection, so close need not wait for it.
    expect(finished.connection).toBe('close');
    expect(JSON.parse(finished.body).items).toHaveLength(4);
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
  });
});
