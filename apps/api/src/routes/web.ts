import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../app';

/**
 * Where the built web page is, when nobody says: `apps/web/dist` of this repository, found from
 * this module's place in `src/routes` (tests, tsx) or in `dist` (the built service). Null when it
 * was not built.
 */
export function defaultWebDir(): string | null {
  for (const up of ['../../web/dist', '../../../web/dist']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * Serves the web page's files at `/` from the same origin as the API, so the page needs no CORS.
 * API routes are registered by path and win over the static wildcard; an unknown path that is
 * not a file still gets the API's problem 404. Hashed assets are cached for a year, index.html
 * never, so a new build shows at the next load.
 */
export async function webRoutes(app: App, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: true,
    cacheControl: false,
    setHeaders(res, path) {
      const immutable = path.includes(`${join('assets', '')}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.log.info({ webDir }, 'web page served at /');
}
