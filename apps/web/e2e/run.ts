/**
 * The browser suite: trains (or reuses) a bundle, builds the page, starts the API with it on a
 * free loopback port, and drives Debian's Chromium through playwright-core, checking every tab
 * against the API's own answers. Screenshots go to `e2e-output/`. Exit 1 on any failure.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { buildServer } from '@reco/api';
import { type Browser, chromium, type Page } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const repo = join(here, '../..');
const out = join(here, 'e2e-output');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function chromiumPath(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  process.stderr.write(
    `e2e: Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH)\n`,
  );
  process.exit(1);
}

/** The repo's artifacts/ when it has the report files, else a quick bundle trained for the suite. */
function bundle(): string {
  const given = process.env.RECO_E2E_ARTIFACTS;
  if (given) return given;
  const mine = join(repo, 'artifacts');
  const manifest = join(mine, 'manifest.json');
  if (existsSync(manifest) && readFileSync(manifest, 'utf8').includes('reports/model-report.json'))
    return mine;
  const dir = join(repo, '.bench-data', 'e2e-artifacts');
  execFileSync(
    'node',
    [join(repo, 'apps/cli/dist/bin.js'), 'train', '--tune', 'none', '--out', dir, '--quiet'],
    {
      stdio: 'inherit',
    },
  );
  return dir;
}

/** `reco info --json` on the bundle's training data, run from the CLI's sources like this suite. */
function datasetInfo(artifactsDir: string): unknown {
  const { dataset } = JSON.parse(readFileSync(join(artifactsDir, 'manifest.json'), 'utf8')) as {
    dataset: { source: string; release: string | null };
  };
  const data = existsSync(dataset.source) ? dataset.source : (dataset.release ?? dataset.source);
  const stdout = execFileSync(
    process.execPath,
    [
      '--conditions=@reco/source',
      '--import',
      'tsx',
      join(repo, 'apps/cli/src/bin.ts'),
      'info',
      data,
      '--json',
      '--quiet',
    ],
    { cwd: here, encoding: 'utf8' },
  );
  return JSON.parse(stdout);
}

interface Flow {
  errors: string[];
}

/**
 * Collects what a flow must not see: console errors, page errors, failed requests, HTTP errors
 * and any request that leaves the page's origin (the page must work offline). `expected` names
 * the URLs whose failure the flow provokes on purpose (an unknown user's 404, a stopped API).
 */
function watch(page: Page, base: string, expected: (url: string) => boolean = () => false): Flow {
  const flow: Flow = { errors: [] };
  page.on('console', (m) => {
    // The browser logs an expected failed request too; it is checked through 'response'.
    if (m.type() === 'error' && !expected(m.location().url)) {
      flow.errors.push(`console: ${m.text()} (${m.location().url})`);
    }
  });
  page.on('pageerror', (e) => flow.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(`${base}/`) && !r.url().startsWith('data:'))
      flow.errors.push(`request off the page's origin: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    if (!expected(r.url())) flow.errors.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !expected(r.url())) flow.errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return flow;
}

async function accessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`),
    [],
    `${name}: accessibility violations`,
  );
}

async function main(): Promise<void> {
  const executablePath = chromiumPath();
  const artifactsDir = bundle();
  execFileSync(
    process.execPath,
    [join(here, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: here,
      stdio: 'inherit',
    },
  );
  mkdirSync(out, { recursive: true });
  const app = await buildServer({
    artifactsDir,
    webDir: join(here, 'dist'),
    logger: false,
    rateLimit: false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const { runFlows } = await import('./flows');
    const results = await runFlows({
      browser,
      base,
      out,
      artifactsDir,
      watch: (page, expected) => watch(page, base, expected),
      accessible,
      info: () => datasetInfo(artifactsDir),
    });
    for (const line of results) process.stdout.write(`ok ${line}\n`);
    process.stdout.write(`e2e: ${results.length} passed, 0 failed\n`);
  } finally {
    await browser?.close();
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `e2e failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
