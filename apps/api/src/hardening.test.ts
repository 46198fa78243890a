import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from './app';
import { createLifecycle } from './lifecycle';
import { testServer } from './testing/server';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Writes raw bytes to a listening server and reads until it closes the connection. */
async function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const server = await testServer();
  app = server;
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as AddressInfo;
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      out += chunk;
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body };
}

describe('requests the HTTP parser refuses', () => {
  it('answers headers over the size limit with a 431 problem', async () => {
    const response = await raw(
      `GET /health/live HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expect(response.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({
      status: 431,
      title: 'Request Header Fields Too Large',
    });
  });

  it('answers a malformed request line with a 400 problem', async () => {
    const response = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(response.status).toBe(400);
    expect(response.headers).toContain('content-type: application/problem+json');
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ status: 400, type: 'about:blank' });
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('shutdown answers', () => {
  it('fails readiness with a 503 problem while draining, and still serves other routes', async () => {
    const lifecycle = createLifecycle();
    app = await testServer({ lifecycle });
    expect((await app.inject('/health/ready')).statusCode).toBe(200);
    lifecycle.draining = true;
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.headers['retry-after']).toBe('1');
    expect((await app.inject('/v1/users/1/recommendations?n=2')).statusCode).toBe(200);
  });

  it('answers a request reusing a kept-alive socket while the server closes with a 503 problem', async () => {
    const lifecycle = createLifecycle();
    const server = await testServer({ lifecycle });
    app = server;
    await server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = server.server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const first = await get(agent, port, '/v1/users/1/recommendations?n=2');
    expect(first.status).toBe(200);
    expect(first.headers.connection).toBe('keep-alive');
    lifecycle.closing = true;
    const second = await get(agent, port, '/v1/users/1/recommendations?n=2');
    agent.destroy();
    expect(second.reusedSocket).toBe(true);
    expect(second.status).toBe(503);
    expect(second.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(second.headers.connection).toBe('close');
    expect(second.headers['retry-after']).toBe('1');
    expect(JSON.parse(second.body)).toMatchObject({ status: 503, instance: '/v1/users/1/recommendations' });
  });
});

function get(agent: Agent, port: number, path: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string; reusedSocket: boolean }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            reusedSocket: req.reusedSocket,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('security headers', () => {
  it('sends helmet headers on JSON, problem and page responses', async () => {
    app = await testServer();
    for (const url of ['/health/live', '/v1/users/1/recommendations?n=0', '/nope']) {
      const { headers } = await app.inject(url);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      expect(headers['strict-transport-security']).toBeDefined();
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });
});
