/**
 * `pnpm --filter @reco/web bench`: the page's size and speed. Gzipped JavaScript of the production
 * build (target <= 150 kB); in headless Chromium on loopback, the first view's render after
 * navigation (<= 1 s), a recommendation request and re-render (p95 <= 100 ms) and a new-user
 * fold-in update (p95 <= 150 ms), from the browser's own clock. Writes bench-results/web.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildServer } from '@reco/api';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const artifactsDir = process.env.RECO_BENCH_ARTIFACTS ?? join(here, '../../artifacts');
const ROUNDS = 20;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(0.95 * xs.length) - 1]!;

execFileSync(process.execPath, [join(here, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: here,
});
const assets = join(here, 'dist/assets');
const jsGzipBytes = readdirSync(assets)
  .filter((f) => f.endsWith('.js'))
  .reduce((sum, f) => sum + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);

const app = await buildServer({ artifactsDir, webDir: join(here, 'dist'), logger: false, rateLimit: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${port}/#/recommendations`);
  await page.getByRole('table', { name: /Top 10 for user 1/ }).waitFor();
  // From navigation start to the first table of real data on screen, by the page's clock.
  const firstView = await page.evaluate(() => performance.now());

  const recommend: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const user = 2 + k;
    await page.getByLabel('User id').fill(String(user));
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Recommend' }).click();
    await page.getByRole('table', { name: new RegExp(`for user ${user} `) }).waitFor();
    recommend.push((await page.evaluate(() => performance.now())) - t0);
  }

  await page.getByLabel('New user').check();
  const foldIn: number[] = [];
  const titles = [
    'toy story',
    'matrix',
    'alien',
    'godfather',
    'fargo',
    'heat',
    'casino',
    'jaws',
    'rocky',
    'seven',
  ];
  for (const [k, title] of titles.entries()) {
    await page.getByLabel('Find a movie to rate').fill(title);
    const pick = page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first();
    await pick.waitFor();
    const name = ((await pick.textContent()) ?? '').trim();
    await pick.click();
    // A pick is not a rating: the fold-in request starts when the star is chosen.
    const star = page
      .getByRole('radiogroup', { name: `Rating for ${name}` })
      .getByRole('radio', { name: '4 stars', exact: true });
    await star.waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await star.click();
    await page.getByRole('table', { name: new RegExp(`from your ${k + 1} rating`) }).waitFor();
    foldIn.push((await page.evaluate(() => performance.now())) - t0);
  }

  const result = {
    date: new Date().toISOString(),
    jsGzipKiB: Math.round((jsGzipBytes / 1024) * 10) / 10,
    firstViewMs: Math.round(firstView),
    recommendP95Ms: Math.round(p95(recommend)),
    foldInP95Ms: Math.round(p95(foldIn)),
    rounds: { recommend: recommend.length, foldIn: foldIn.length },
    targets: { jsGzipKiB: 150, firstViewMs: 1000, recommendP95Ms: 100, foldInP95Ms: 150 },
  };
  mkdirSync(join(here, 'bench-results'), { recursive: true });
  writeFileSync(join(here, 'bench-results/web.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await browser.close();
  await app.close();
}
