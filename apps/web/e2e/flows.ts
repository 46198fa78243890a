import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_MISSING_TYPE } from '@reco/client/schemas';
import type { Browser, Page } from 'playwright-core';

interface Context {
  readonly browser: Browser;
  readonly base: string;
  readonly out: string;
  readonly artifactsDir: string;
  readonly watch: (page: Page, expected?: (url: string) => boolean) => { errors: string[] };
  readonly accessible: (page: Page, name: string) => Promise<void>;
  /** `reco info --json` on the bundle's training data. */
  readonly info: () => unknown;
}

interface FlowOptions {
  readonly width: number;
  readonly colorScheme?: 'light' | 'dark';
  /** URLs this flow makes fail on purpose; any other failure fails the flow. */
  readonly expected?: (url: string) => boolean;
}

interface DatasetInfo {
  users: number;
  movies: number;
  ratings: number;
  meanRating: number;
  sparsity: number;
  dateRange: { from: string; to: string };
}

const int = (n: number) => new Intl.NumberFormat('en-US').format(n);

async function fetchJson<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

/** Each flow in a fresh page; it fails on any console error, failed request or a11y violation. */
export async function runFlows(c: Context): Promise<string[]> {
  const done: string[] = [];
  const flow = async (name: string, options: FlowOptions | number, body: (page: Page) => Promise<void>) => {
    const {
      width,
      colorScheme = 'light',
      expected,
    } = typeof options === 'number' ? { width: options } : options;
    const context = await c.browser.newContext({ viewport: { width, height: 900 }, colorScheme });
    const page = await context.newPage();
    const seen = c.watch(page, expected);
    try {
      await body(page);
      await c.accessible(page, name);
      assert.deepEqual(seen.errors, [], `${name}: console errors or failed requests`);
      done.push(name);
    } finally {
      await context.close();
    }
  };

  await flow('Data & EDA shows the counts reco info reports', 1440, async (page) => {
    const info = c.info() as DatasetInfo;
    await page.goto(`${c.base}/#/data`);
    await page.getByRole('heading', { name: 'Data & EDA' }).waitFor();
    const card = (label: string) =>
      page
        .locator('.card', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('dd')
        .textContent();
    for (const [label, value] of [
      ['Users', int(info.users)],
      ['Movies', int(info.movies)],
      ['Ratings', int(info.ratings)],
      ['Mean rating', info.meanRating.toFixed(2)],
      ['Sparsity', `${(info.sparsity * 100).toFixed(2)}%`],
      ['Date range', `${info.dateRange.from.slice(0, 10)} to ${info.dateRange.to.slice(0, 10)}`],
    ] as const) {
      assert.equal(await card(label), value, `${label} card equals reco info's`);
    }
    const summary = await fetchJson<{
      genres: { genre: string; meanRating: number | null }[];
      sample: { imdbId: string | null }[];
    }>(`${c.base}/v1/dataset/summary`);
    for (const title of [
      'Rating distribution',
      'Ratings per user and per movie',
      'Ratings over time',
      'Ratings per genre',
      'Mean rating per genre',
    ]) {
      await page.getByRole('img', { name: new RegExp(`^${title}:`) }).waitFor();
    }
    // The mean per genre, through the chart's text alternative (its table).
    const means = page.locator('figure', {
      has: page.getByRole('heading', { name: 'Mean rating per genre' }),
    });
    await means.getByRole('button', { name: 'Show table' }).click();
    assert.deepEqual(
      await means.getByRole('table').locator('tbody tr td:nth-child(2)').allInnerTexts(),
      summary.genres.filter((g) => g.meanRating !== null).map((g) => (g.meanRating ?? 0).toFixed(2)),
      "the mean-per-genre table equals the summary's",
    );
    await means.getByRole('button', { name: 'Show chart' }).click();
    const sample = page.getByRole('table', { name: 'Sample interactions' });
    assert.equal(await sample.locator('tbody tr').count(), summary.sample.length);
    assert.equal(
      await sample.getByRole('link', { name: 'IMDb' }).count(),
      summary.sample.filter((r) => r.imdbId !== null).length,
      'an IMDb link for each sampled movie that links.csv names',
    );
    await page
      .getByRole('img', { name: /Rating distribution/ })
      .locator('svg')
      .last()
      .waitFor();
    await page.screenshot({ path: join(c.out, 'data.png'), fullPage: true });
  });

  await flow("Models marks the comparison's best test ROC AUC", 1440, async (page) => {
    const rows = JSON.parse(readFileSync(join(c.artifactsDir, 'metrics/comparison.json'), 'utf8')) as {
      split: string;
      rocAuc: number;
    }[];
    const best = Math.max(...rows.filter((r) => r.split === 'test').map((r) => r.rocAuc));
    await page.goto(`${c.base}/#/models`);
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    const cells = await page.locator('td[data-metric="rocAuc"]', { hasText: '★' }).allInnerTexts();
    assert.ok(
      cells.some((t) => t.startsWith(best.toFixed(4))),
      `best test AUC ${best.toFixed(4)} marked among ${cells.join(' | ')}`,
    );
    const manifest = JSON.parse(readFileSync(join(c.artifactsDir, 'manifest.json'), 'utf8')) as {
      bestModel: { model: string; variant: string };
    };
    // Sorting by keyboard: focus a column's button and press Enter.
    const logLoss = page.getByRole('columnheader', { name: 'Log loss' });
    await logLoss.getByRole('button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await logLoss.getAttribute('aria-sort'), 'descending', 'Enter sorts by log loss');
    const served = page.locator('tbody tr', { has: page.getByText('served', { exact: true }) });
    assert.equal(await served.count(), 2, 'the served model is marked in words on its two rows');
    assert.deepEqual((await served.first().locator('td').allInnerTexts()).slice(0, 2), [
      `${manifest.bestModel.model}served`,
      manifest.bestModel.variant,
    ]);
    await page
      .getByRole('img', { name: /ROC curves/ })
      .locator('svg')
      .last()
      .waitFor();
    await page.screenshot({ path: join(c.out, 'models.png'), fullPage: true });
  });

  await flow(
    "Recommendations for user 1 match the API's, and an unknown user gets a clear message",
    { width: 360, expected: (url) => url.includes('/users/999999/') },
    async (page) => {
      // No strategy: the page, like the API, serves the bundle's default.
      const api = await fetchJson<{
        strategy: string;
        items: { movieId: number; title: string; score: number }[];
      }>(`${c.base}/v1/users/1/recommendations?n=10`);
      const predicted = (await (
        await fetch(`${c.base}/v1/predict`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: 1, movieIds: api.items.map((i) => i.movieId) }),
        })
      ).json()) as { predictions: { movieId: number; probability: number }[] };
      const model = await fetchJson<{ strategies: string[]; defaultStrategy: string }>(`${c.base}/v1/model`);
      await page.goto(`${c.base}/#/recommendations`);
      await page.getByRole('table', { name: /Top 10 for user 1/ }).waitFor();
      const strategy = page.getByLabel('Strategy');
      await strategy.locator(`option[value="${model.strategies[0]}"]`).waitFor({ state: 'attached' });
      assert.deepEqual(
        await strategy
          .locator('option')
          .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)),
        ['', ...model.strategies],
      );
      assert.match(
        (await strategy.locator('option').first().textContent()) ?? '',
        new RegExp(`default \\(${model.defaultStrategy}\\)`),
      );
      const titles = await page
        .getByRole('table', { name: /Top 10 for user 1/ })
        .locator('tbody tr td:first-child')
        .allInnerTexts();
      assert.deepEqual(
        titles,
        api.items.map((i) => i.title),
      );
      const table = page.getByRole('table', { name: /Top 10 for user 1/ });
      const column = async (header: string) => {
        const headers = await table.locator('thead th').allInnerTexts();
        const at = headers.indexOf(header);
        assert.ok(at >= 0, `a "${header}" column among ${headers.join(' | ')}`);
        return table.locator(`tbody tr td:nth-child(${at + 1})`).allInnerTexts();
      };
      assert.deepEqual(
        await column(`Score (${api.strategy})`),
        api.items.map((i) => i.score.toFixed(3)),
        "the scores equal the API's",
      );
      const probability = new Map(predicted.predictions.map((p) => [p.movieId, p.probability.toFixed(3)]));
      await table.locator('tbody tr td', { hasText: /^…$/ }).first().waitFor({ state: 'detached' });
      assert.deepEqual(
        await column('P(like)'),
        api.items.map((i) => probability.get(i.movieId)),
        "P(like) equals POST /v1/predict's",
      );
      // The history: the same training ratings the API summarizes, highest and lowest rated.
      const history = await fetchJson<{
        topRated: { title: string; rating: number }[];
        lowestRated: { title: string }[];
        genres: { genre: string }[];
      }>(`${c.base}/v1/users/1/history?n=10`);
      const top = page.getByRole('table', { name: 'Top rated by user 1' });
      await top.waitFor();
      assert.deepEqual(
        await top.locator('tbody tr td:first-child').allInnerTexts(),
        history.topRated.map((m) => m.title),
        "top-rated titles equal GET /v1/users/1/history's",
      );
      assert.deepEqual(
        await top.locator('tbody tr td:nth-child(3)').allInnerTexts(),
        history.topRated.map((m) => m.rating.toFixed(1)),
      );
      assert.deepEqual(
        await page
          .getByRole('table', { name: 'Lowest rated by user 1' })
          .locator('tbody tr td:first-child')
          .allInnerTexts(),
        history.lowestRated.map((m) => m.title),
      );
      const genres = page.getByRole('img', { name: /Genre preferences of user 1/ });
      await genres.locator('svg').last().waitFor();
      const figure = page.locator('figure', {
        has: page.getByRole('heading', { name: 'Genre preferences of user 1' }),
      });
      await figure.getByRole('button', { name: 'Show table' }).click();
      assert.deepEqual(
        await figure
          .getByRole('table', { name: 'Genre preferences of user 1' })
          .locator('tbody tr td:first-child')
          .allInnerTexts(),
        history.genres.map((g) => g.genre),
        "the genre chart's table lists the API's genres",
      );
      await figure.getByRole('button', { name: 'Show chart' }).click();
      await genres.locator('svg').last().waitFor();
      await page.screenshot({ path: join(c.out, 'recommendations.png'), fullPage: true });
      await page.getByLabel('User id').fill('999999');
      await page.getByRole('button', { name: 'Recommend' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: "user 999999 is not in this model's training data" })
        .waitFor();
    },
  );

  await flow(
    'A new user rating three movies with stars gets a list that changes with a fourth',
    1440,
    async (page) => {
      await page.goto(`${c.base}/#/recommendations`);
      await page.getByLabel('New user').check();
      /** Picks the first suggestion for `search` and rates it with the star widget, by role and name. */
      const rate = async (search: string, stars: string) => {
        await page.getByLabel('Find a movie to rate').fill(search);
        const suggestion = page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first();
        const name = ((await suggestion.textContent()) ?? '').trim();
        await suggestion.click();
        const group = page.getByRole('radiogroup', { name: `Rating for ${name}` });
        await group.getByRole('radio', { name: stars, exact: true }).click();
        assert.ok(
          await group.getByRole('radio', { name: stars, exact: true }).isChecked(),
          `${name}: ${stars}`,
        );
        return group;
      };
      const list = () => page.getByRole('table', { name: /Top \d+ from your/ });
      const toyStory = await rate('toy story', '4 stars');
      // The keyboard works as in any radio group: the arrows move the choice by half a star. Done
      // on the first movie, so the three-rating list below is the answer to the final ratings.
      await toyStory.getByRole('radio', { name: '4 stars', exact: true }).press('ArrowRight');
      assert.ok(
        await toyStory.getByRole('radio', { name: '4.5 stars', exact: true }).isChecked(),
        'ArrowRight: 4.5',
      );
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.ok(
        await toyStory.getByRole('radio', { name: '3.5 stars', exact: true }).isChecked(),
        'ArrowLeft twice: 3.5',
      );
      await rate('matrix', '5 stars');
      await rate('alien', '2 stars');
      await page.getByRole('table', { name: /from your 3 ratings/ }).waitFor();
      const before = await list().locator('tbody').textContent();
      await rate('godfather', '4 stars');
      await page.getByRole('table', { name: /from your 4 ratings/ }).waitFor();
      const after = await list().locator('tbody').textContent();
      assert.notEqual(after, before, 'the list changes after the fourth rating');
      await page.screenshot({ path: join(c.out, 'new-user.png'), fullPage: true });
    },
  );

  await flow('Similar Content for Toy Story lists other movies', 1440, async (page) => {
    await page.goto(`${c.base}/#/similar`);
    // By keyboard alone: type, Tab to the first suggestion, Enter.
    await page.getByLabel('Movie title').focus();
    await page.keyboard.type('toy story');
    const first = page.getByRole('list', { name: 'Suggestions' }).getByRole('button').first();
    await first.waitFor();
    assert.equal(await first.textContent(), 'Toy Story (1995)');
    await page.keyboard.press('Tab');
    assert.ok(
      await first.evaluate(
        (el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement,
      ),
      'Tab from the search box reaches the first suggestion',
    );
    await page.keyboard.press('Enter');
    for (const by of ['content', 'cf', 'blend']) {
      const table = page.getByRole('table', { name: `Similar to Toy Story by ${by}` });
      await table.waitFor();
      const titles = await table.locator('tbody tr td:first-child').allInnerTexts();
      assert.ok(titles.length > 0, `${by}: similar movies listed`);
      assert.ok(!titles.includes('Toy Story'), `${by}: Toy Story itself is not listed`);
    }
    await page.screenshot({ path: join(c.out, 'similar.png'), fullPage: true });
  });
  await flow(
    'Every tab fits 360 px in dark mode, and follows the light scheme too',
    { width: 360, colorScheme: 'dark' },
    async (page) => {
      const background = () => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      for (const [hash, heading, ready] of [
        ['data', 'Data & EDA', page.getByRole('table', { name: 'Sample interactions' })],
        ['models', 'Models', page.getByRole('table', { name: /Model comparison/ })],
        ['recommendations', 'Recommendations', page.getByRole('table', { name: /Top 10 for user 1/ })],
        ['similar', 'Similar Content', page.getByLabel('Movie title')],
      ] as const) {
        await page.goto(`${c.base}/#/${hash}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await ready.waitFor();
        // The page itself never scrolls sideways; wide tables and charts scroll in their own box.
        const [scroll, client] = await page.evaluate<[number, number]>(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
        );
        assert.ok(scroll <= client, `${heading}: page is ${scroll} px wide in a ${client} px window`);
        assert.equal(await background(), 'rgb(18, 18, 22)', `${heading}: dark background`);
        await c.accessible(page, `${heading} at 360 px, dark`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
      assert.equal(await background(), 'rgb(255, 255, 255)', 'light background');
      await c.accessible(page, 'Similar Content, light');
    },
  );

  let down = true;
  await flow(
    'The API being down shows what happened and a retry that recovers',
    { width: 1440, expected: (url) => down && url.includes('/v1/') },
    async (page) => {
      await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
      await page.goto(`${c.base}/#/data`);
      const alert = page.getByRole('alert').filter({ hasText: 'The API is not answering' });
      await alert.waitFor();
      await page.unroute('**/v1/**');
      down = false;
      await alert.getByRole('button', { name: 'Retry' }).click();
      await page.getByRole('table', { name: 'Sample interactions' }).waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, 'the error is gone after the retry');
    },
  );

  await flow(
    'A bundle without the report files still serves the other tabs and says what needs reco train',
    { width: 1440, expected: (url) => url.includes('/v1/dataset/summary') },
    async (page) => {
      // The answers of an older bundle, as the API gives them (apps/api reports.test.ts checks
      // the server side on a real stripped bundle): the summary is a report-missing problem, and
      // the model report has no curves.
      await page.route('**/v1/dataset/summary', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: REPORT_MISSING_TYPE,
            title: 'Report not in this bundle',
            status: 404,
            detail: 'these artifacts have no reports/dataset-summary.json',
            instance: '/v1/dataset/summary',
            requestId: 'e2e',
          }),
        }),
      );
      await page.route('**/v1/model/report', async (route) => {
        const response = await route.fetch();
        route.fulfill({ response, json: { ...(await response.json()), curves: null } });
      });
      await page.goto(`${c.base}/#/data`);
      await page
        .getByRole('alert')
        .filter({ hasText: /needs a newer bundle: run `reco train` again/ })
        .waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Retry' }).count(),
        0,
        'no retry: it would not help',
      );
      await page.goto(`${c.base}/#/models`);
      await page.getByRole('table', { name: /Model comparison/ }).waitFor();
      await page
        .getByRole('note')
        .filter({ hasText: /need reco train to be run\s+again/ })
        .waitFor();
      await page.goto(`${c.base}/#/recommendations`);
      await page.getByRole('table', { name: /Top 10 for user 1/ }).waitFor();
    },
  );
  return done;
}
