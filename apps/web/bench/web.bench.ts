/**
 * `pnpm --filter @reco/web bench`: the page's size and speed. Gzipped JavaScript of the production
 * build (target <= 150 kB); in headless Chromium on loopback, the first view's render after
 * navigation (median of 5 fresh loads, <= 1 s), a recommendation request and re-render (p95 <= 100 ms) and a new-user
 * fold-in update (p95 <= 150 ms), from the browser's own clock (click to the painted frame, timed in
 * the page, so Playwright's own round trips are not counted). Writes bench-results/web.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildServer } from '@reco/api';
import { chromium, type Locator, type Page } from 'playwright-core';

const here = fileURLToPath(new URL('..', import.meta.url));
const artifactsDir = process.env.RECO_BENCH_ARTIFACTS ?? join(here, '../../artifacts');
const ROUNDS = 20;
const FIRST_VIEWS = 5;

/** From navigation start to the first table of real data on screen, by the page's clock. */
async function firstView(page: Page): Promise<number> {
  await page.goto(`http://127.0.0.1:${port}/#/recommendations`);
  await page.getByRole('table', { name: /Top 10 for user 1/ }).waitFor();
  return page.evaluate(() => performance.now());
}

/**
 * Clicks `target` in the page and returns the page's own milliseconds from the click to the frame
 * that shows a table whose caption matches `caption`. Timed inside the page, so Playwright's
 * round trips (actionability checks, polling) are not counted: what is left is the request, the
 * server's answer and the render.
 */
async function clickUntilTable(target: Locator, caption: string): Promise<number> {
  const handle = await target.elementHandle();
  if (handle === null) throw new Error(`nothing to click for ${caption}`);
  return handle.evaluate(
    (element, source) =>
      (globalThis as unknown as { recoClickUntilTable: InPageTimer }).recoClickUntilTable(element, source),
    caption,
  );
}

type InPageTimer = (element: unknown, caption: string) => Promise<number>;

// Plain JavaScript, installed as an init script: code that tsx compiled would call its helpers
// (such as __name), which do not exist in the page.
const IN_PAGE_TIMER = `
window.recoClickUntilTable = async (element, source) => {
  const pattern = new RegExp(source);
  const shown = () =>
    [...document.querySelectorAll('table > caption')].some((c) => pattern.test(c.textContent || ''));
  const start = performance.now();
  element.click();
  await new Promise((resolve) => {
    if (shown()) return resolve();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await new Promise((resolve) => requestAnimationFrame(resolve)); // the frame that paints it
  return performance.now() - start;
};`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
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
  // First views in fresh contexts (no HTTP cache); the median is the figure, as one page load
  // on a 2-core machine shared with Chromium's own processes varies by a few hundred ms.
  const firstViews: number[] = [];
  for (let k = 0; k < FIRST_VIEWS - 1; k++) {
    const fresh = await browser.newContext();
    firstViews.push(await firstView(await fresh.newPage()));
    await fresh.close();
  }
  const context = await browser.newContext();
  await context.addInitScript(IN_PAGE_TIMER);
  const page = await context.newPage();
  firstViews.push(await firstView(page));
  if (process.env.RECO_BENCH_TRACE) {
    const entries = await page.evaluate(() =>
      performance
        .getEntries()
        .map(
          (e) =>
            `${e.entryType} ${e.name.slice(-60)} start ${e.startTime.toFixed(0)} dur ${e.duration.toFixed(0)}`,
        ),
    );
    process.stderr.write(`${entries.join('\n')}\n`);
  }

  const recommend: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const user = 2 + k;
    await page.getByLabel('User id').fill(String(user));
    recommend.push(
      await clickUntilTable(page.getByRole('button', { name: 'Recommend' }), `for user ${user} `),
    );
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
    foldIn.push(await clickUntilTable(star, `from your ${k + 1} rating`));
  }

  const result = {
    date: new Date().toISOString(),
    jsGzipKiB: Math.round((jsGzipBytes / 1024) * 10) / 10,
    firstViewMs: Math.round(median(firstViews)),
    firstViewsMs: firstViews.map(Math.round),
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
