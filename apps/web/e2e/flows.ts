import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

interface Context {
  readonly browser: Browser;
  readonly base: string;
  readonly out: string;
  readonly artifactsDir: string;
  readonly watch: (page: Page) => { errors: string[] };
  readonly accessible: (page: Page, name: string) => Promise<void>;
}

const int = (n: number) => new Intl.NumberFormat('en-US').format(n);

async function fetchJson<T>(url: string): Promise<T> {
  return (await fetch(url)).json() as Promise<T>;
}

/** Each flow in a fresh page; it fails on any console error, failed request or a11y violation. */
export async function runFlows(c: Context): Promise<string[]> {
  const done: string[] = [];
  const flow = async (name: string, width: number, body: (page: Page) => Promise<void>) => {
    const context = await c.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const seen = c.watch(page);
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
    const manifest = JSON.parse(readFileSync(join(c.artifactsDir, 'manifest.json'), 'utf8'));
    const { users, movies, ratings } = manifest.dataset.counts;
    await page.goto(`${c.base}/#/data`);
    await page.getByRole('heading', { name: 'Data & EDA' }).waitFor();
    for (const [label, value] of [
      ['Users', users],
      ['Movies', movies],
      ['Ratings', ratings],
    ] as const) {
      const text = await page
        .locator('.card', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
        .locator('dd')
        .textContent();
      assert.equal(text, int(value), `${label} card`);
    }
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
    await page
      .getByRole('img', { name: /ROC curves/ })
      .locator('svg')
      .last()
      .waitFor();
    await page.screenshot({ path: join(c.out, 'models.png'), fullPage: true });
  });

  await flow(
    "Recommendations for user 1 match the API's, and an unknown user gets a clear message",
    360,
    async (page) => {
      // No strategy: the page, like the API, serves the bundle's default.
      const api = await fetchJson<{ items: { title: string }[] }>(
        `${c.base}/v1/users/1/recommendations?n=10`,
      );
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
    await page.getByLabel('Movie title').fill('toy story');
    await page.getByRole('button', { name: /^Toy Story \(1995\)$/ }).click();
    for (const by of ['content', 'cf', 'blend']) {
      const table = page.getByRole('table', { name: `Similar to Toy Story by ${by}` });
      await table.waitFor();
      const titles = await table.locator('tbody tr td:first-child').allInnerTexts();
      assert.ok(titles.length > 0, `${by}: similar movies listed`);
      assert.ok(!titles.includes('Toy Story'), `${by}: Toy Story itself is not listed`);
    }
    await page.screenshot({ path: join(c.out, 'similar.png'), fullPage: true });
  });
  return done;
}
