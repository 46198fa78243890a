/**
 * Load benchmark of the recommendation service: `pnpm --filter @reco/api bench`.
 *
 * Starts the built service (`dist/main.js`) as its own process on 127.0.0.1 and drives it with
 * autocannon from this one, both on the same machine. Each scenario runs a fixed number of
 * connections for a bounded time after a short warm-up, and reports req/s and latency
 * percentiles. Results go to bench-results/<RECO_BENCH_NAME or "api">.json and stdout.
 *
 * Environment:
 *   RECO_BENCH_ARTIFACTS  bundle to serve. Default: <repo>/artifacts when it has a manifest,
 *                         else a bundle trained here on the bundled ml-latest-small (kept in
 *                         .bench-data/api-artifacts for the next run).
 *   RECO_BENCH_DURATION   seconds per scenario, 1-20 (default 10).
 *   RECO_BENCH_NAME       results file name (default "api").
 *   RECO_BENCH_ONLY       run only the scenarios whose name contains this text.
 *   RECO_BENCH_USERS      how many users the default-recommendations scenario cycles through
 *                         (default: all users, capped by the cache size).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { trainArtifacts } from '../src/testing/train-artifacts';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = join(API_ROOT, '..', '..');
const HOST = '127.0.0.1';
const CACHE_SIZE = 200_000;
/** The bench's own admin token, so it can reload the bundle under load. */
const ADMIN_TOKEN = 'api-bench-admin-token-0123456789';

interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly connections: number;
  /** Requests the scenario cycles through. */
  readonly requests: readonly { method: 'GET' | 'POST'; path: string; body?: string }[];
  /** Send every request once before measuring (fills the response cache, as production traffic would). */
  readonly warmAll: boolean;
  readonly target: { readonly p99Ms: number; readonly minReqPerSec?: number; readonly maxMs?: number };
  /** Reload the bundle (`POST /admin/reload`) this often while the scenario runs. */
  readonly reloadEveryMs?: number;
}

interface Manifest {
  readonly dataset: { readonly source: string; readonly counts: Record<string, number> };
  readonly bestModel: { readonly model: string; readonly variant: string };
}

async function main(): Promise<void> {
  const duration = boundedInt(process.env.RECO_BENCH_DURATION, 10, 1, 20);
  const name = process.env.RECO_BENCH_NAME ?? 'api';
  const artifacts = await findArtifacts();
  const manifest = JSON.parse(await readFile(join(artifacts, 'manifest.json'), 'utf8')) as Manifest;
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  log(`serving ${artifacts} (${manifest.bestModel.model}-${manifest.bestModel.variant}) on ${base}`);

  const server = startServer(artifacts, port);
  try {
    await waitReady(base, server);
    const only = process.env.RECO_BENCH_ONLY;
    const scenarios = (await buildScenarios(base, manifest)).filter(
      (s) => only === undefined || s.name.includes(only),
    );
    const results = [];
    for (const scenario of scenarios) {
      if (scenario.warmAll) await warm(base, scenario);
      // The cursor carries on from the warm-up, so the measured run does not replay its requests.
      const cursor = { next: 0 };
      await run(base, scenario, 2, cursor); // JIT warm-up, not measured
      const measured = await run(base, scenario, duration, cursor);
      results.push(measured);
      log(
        `${scenario.name.padEnd(28)} ${measured.reqPerSec.toFixed(0).padStart(6)} req/s  ` +
          `p50 ${measured.latencyMs.p50} ms  p99 ${measured.latencyMs.p99} ms  max ${measured.latencyMs.max} ms  ` +
          `(${measured.connections} connections, ${measured.non2xx} non-2xx) ${measured.met ? 'target met' : 'TARGET MISSED'}`,
      );
    }
    const model = (await (await fetch(`${base}/v1/model`)).json()) as { serving: unknown };
    const report = {
      benchmark: 'api',
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGiB: totalmem() / 2 ** 30,
      },
      node: process.version,
      artifacts: { dir: artifacts, dataset: manifest.dataset, model: manifest.bestModel },
      server: {
        process: 'node dist/main.js (separate process, same machine as the load generator)',
        logLevel: 'info',
        rateLimit: 'on, limit set above the offered load',
        cacheSize: CACHE_SIZE,
      },
      durationSeconds: duration,
      scenarios: results,
      cacheAfter: model.serving,
    };
    const outDir = join(API_ROOT, 'bench-results');
    await mkdir(outDir, { recursive: true });
    const outFile = join(outDir, `${name}.json`);
    await writeFile(outFile, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${outFile}`);
  } finally {
    server.kill('SIGTERM');
  }
}

async function buildScenarios(base: string, manifest: Manifest): Promise<Scenario[]> {
  const nUsers = manifest.dataset.counts.users ?? 0;
  const movies = await popularMovieIds(base);
  const userCount = boundedInt(process.env.RECO_BENCH_USERS, Math.min(nUsers, CACHE_SIZE), 1, CACHE_SIZE);
  const users = await knownUsers(base, userCount, movies[0]!);
  const ratingSets = Array.from({ length: 50 }, (_, k) =>
    JSON.stringify({
      ratings: Array.from({ length: 5 }, (_, j) => ({
        movieId: movies[(k * 7 + j * 13) % movies.length]!,
        rating: 1 + ((k + j) % 9) / 2,
      })),
      n: 10,
    }),
  );
  return [
    {
      name: 'recommendations (default)',
      description: `GET /v1/users/:id/recommendations over ${users.length} known users, served from the response cache`,
      connections: 10,
      requests: users.map((u) => ({ method: 'GET', path: `/v1/users/${u}/recommendations` })),
      warmAll: true,
      target: { p99Ms: 15, minReqPerSec: 1000 },
    },
    {
      name: 'recommendations (filtered)',
      description: 'GET /v1/users/:id/recommendations?genres=...&minYear=..., computed online',
      connections: 4,
      requests: users.map((u, i) => ({
        method: 'GET',
        path: `/v1/users/${u}/recommendations?genres=${['Comedy', 'Drama', 'Action,Thriller', 'Sci-Fi'][i % 4]}&minYear=${1970 + (i % 4) * 10}`,
      })),
      warmAll: false,
      target: { p99Ms: 50 },
    },
    {
      name: 'recommendations (new user)',
      description: 'POST /v1/recommendations with 5 ratings (fold-in), computed online',
      // As the fold-in target is stated: autocannon with 10 connections on the 2-core machine.
      connections: 10,
      requests: ratingSets.map((body) => ({ method: 'POST', path: '/v1/recommendations', body })),
      warmAll: false,
      target: { p99Ms: 50, minReqPerSec: 200 },
    },
    {
      name: 'recommendations (new user, classifier)',
      description:
        'POST /v1/recommendations with 5 ratings and strategy "classifier": fold-in, ~600 candidates through the feature pipeline and the served classifier',
      connections: 10,
      requests: ratingSets.map((body) => ({
        method: 'POST',
        path: '/v1/recommendations',
        body: JSON.stringify({ ...(JSON.parse(body) as object), strategy: 'classifier' }),
      })),
      warmAll: false,
      target: { p99Ms: 50, minReqPerSec: 200 },
    },
    {
      name: 'reload under load',
      description:
        'GET /health/ready and /v1/model (answers that do not depend on the model, so max is the longest the event loop was held) on 10 connections while POST /admin/reload swaps the bundle every 2 s',
      connections: 10,
      requests: [
        { method: 'GET', path: '/health/ready' },
        { method: 'GET', path: '/v1/model' },
      ],
      warmAll: false,
      target: { p99Ms: 15, maxMs: 100 },
      reloadEveryMs: 2_000,
    },
    {
      name: 'similar',
      description: `GET /v1/movies/:id/similar over the ${movies.length} most-rated movies, served from the response cache`,
      connections: 4,
      requests: movies.map((m) => ({ method: 'GET', path: `/v1/movies/${m}/similar` })),
      warmAll: true,
      target: { p99Ms: 5 },
    },
    {
      name: 'similar (uncached)',
      description:
        'GET /v1/movies/:id/similar with (movie, n, by) never repeating within the run, so every request computes',
      connections: 2,
      // Movie, n (11-99) and by cycle with coprime-ish periods, so the keys do not repeat for
      // hundreds of thousands of requests; the list itself is long enough for a 20 s run.
      requests: Array.from({ length: 150_000 }, (_, i) => ({
        method: 'GET' as const,
        path: `/v1/movies/${movies[i % movies.length]}/similar?n=${11 + (i % 89)}&by=${['blend', 'content', 'cf'][i % 3]}`,
      })),
      warmAll: false,
      target: { p99Ms: 5 },
    },
  ];
}

async function run(base: string, scenario: Scenario, seconds: number, cursor: { next: number }) {
  const reloads = reloadEvery(base, scenario.reloadEveryMs);
  const result = await autocannon({
    url: base,
    connections: scenario.connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const r = scenario.requests[cursor.next++ % scenario.requests.length]!;
          return {
            ...request,
            method: r.method,
            path: r.path,
            ...(r.body === undefined
              ? {}
              : { body: r.body, headers: { 'content-type': 'application/json' } }),
          };
        },
      },
    ],
  });
  const latencyMs = {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    mean: result.latency.average,
  };
  const reqPerSec = result.requests.average;
  const reloaded = await reloads.stop();
  const met =
    result.non2xx === 0 &&
    result.errors === 0 &&
    reloaded.failed === 0 &&
    latencyMs.p99 <= scenario.target.p99Ms &&
    (scenario.target.maxMs === undefined || latencyMs.max <= scenario.target.maxMs) &&
    (scenario.target.minReqPerSec === undefined || reqPerSec >= scenario.target.minReqPerSec);
  return {
    name: scenario.name,
    description: scenario.description,
    connections: scenario.connections,
    durationSeconds: seconds,
    requests: result.requests.total,
    reqPerSec,
    latencyMs,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ...(scenario.reloadEveryMs === undefined ? {} : { reloads: reloaded }),
    target: scenario.target,
    met,
  };
}

/** Reloads the bundle every `everyMs` until stopped (nothing when undefined); counts the outcomes. */
function reloadEvery(base: string, everyMs: number | undefined) {
  const counts = { done: 0, failed: 0, maxSeconds: 0 };
  if (everyMs === undefined) return { stop: async () => counts };
  let last: Promise<void> = Promise.resolve();
  const reload = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    await response.arrayBuffer();
    counts.maxSeconds = Math.max(counts.maxSeconds, (performance.now() - started) / 1000);
    if (response.ok) counts.done++;
    else counts.failed++;
  };
  const timer = setInterval(() => {
    last = last.then(reload);
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await last;
      return counts;
    },
  };
}

/** Sends every request of a scenario once, a few at a time. */
async function warm(base: string, scenario: Scenario): Promise<void> {
  const queue = [...scenario.requests];
  const worker = async () => {
    for (let r = queue.pop(); r !== undefined; r = queue.pop()) {
      const response = await fetch(base + r.path, {
        method: r.method,
        ...(r.body === undefined ? {} : { body: r.body, headers: { 'content-type': 'application/json' } }),
      });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** The first `count` user ids the model knows (a one-movie predict is the cheapest probe). */
async function knownUsers(base: string, count: number, probeMovie: number): Promise<number[]> {
  const users: number[] = [];
  for (let id = 1; users.length < count && id <= count * 2 + 100; id++) {
    const response = await fetch(`${base}/v1/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: id, movieIds: [probeMovie] }),
    });
    await response.arrayBuffer();
    if (response.status === 200) users.push(id);
  }
  return users;
}

/** Ids of movies with many ratings, from title searches for common words. */
async function popularMovieIds(base: string): Promise<number[]> {
  const ids = new Set<number>();
  for (const word of ['the', 'of', 'a', 'love', 'man', 'star', 'war', 'night', 'life', 'day']) {
    for (let offset = 0; offset < 300; offset += 100) {
      const response = await fetch(`${base}/v1/movies?search=${word}&limit=100&offset=${offset}`);
      const page = (await response.json()) as { items: { movieId: number; ratingCount: number }[] };
      for (const m of page.items) if (m.ratingCount >= 5) ids.add(m.movieId);
    }
  }
  return [...ids].slice(0, 1000);
}

async function findArtifacts(): Promise<string> {
  const given = process.env.RECO_BENCH_ARTIFACTS;
  if (given !== undefined && given !== '') return given;
  const repoArtifacts = join(REPO_ROOT, 'artifacts');
  if (existsSync(join(repoArtifacts, 'manifest.json'))) return repoArtifacts;
  const trained = join(REPO_ROOT, '.bench-data', 'api-artifacts');
  if (existsSync(join(trained, 'manifest.json'))) return trained;
  log(
    `no artifacts at ${repoArtifacts}: training on ml-latest-small into ${trained} (reco train without tuning)`,
  );
  // The models and CF feature `reco train` uses by default, untuned, so the served model is realistic.
  return trainArtifacts(trained, { models: ['lr', 'rf', 'xgb'], cf: 'auto', trainSample: null });
}

function startServer(artifacts: string, port: number): ChildProcess {
  const main = join(API_ROOT, 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`pnpm --filter @reco/api build\` first`);
  return spawn(process.execPath, [main], {
    cwd: API_ROOT,
    env: {
      ...process.env,
      RECO_ARTIFACTS: artifacts,
      HOST,
      PORT: String(port),
      RECO_LOG_LEVEL: 'info',
      RECO_RATE_LIMIT_MAX: '1000000000',
      RECO_CACHE_SIZE: String(CACHE_SIZE),
      RECO_ADMIN_TOKEN: ADMIN_TOKEN,
    },
    // Access logs go nowhere, but are still produced and written (pino to a file descriptor).
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become ready within 120 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function boundedInt(raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new Error(`expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function log(message: string): void {
  process.stdout.write(`[api bench] ${message}\n`);
}

await main();
