import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundle } from '@reco/bundle';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRecommender } from './load';
import { isServedFile, readRecommenderParts, readRecommenderPartsInSlices } from './read-parts';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture, writeFixtureBundle } from './test-fixtures';

let fixture: Fixture;
let dir: string;
beforeAll(async () => {
  fixture = await buildFixture();
  dir = join(mkdtempSync(join(tmpdir(), 'reco-load-')), 'artifacts');
  await writeFixtureBundle(dir, fixture);
});

describe('loadRecommender', () => {
  it('serves a written bundle exactly as the parts it was written from', async () => {
    const loaded = await loadRecommender(dir);
    const direct = createRecommender(fixture.parts);
    for (const strategy of ['classifier', 'cf', 'hybrid'] as const) {
      for (const user of [1, 2, 7, 30]) {
        expect(loaded.recommend(user, { n: 5, strategy })).toEqual(
          direct.recommend(user, { n: 5, strategy }),
        );
      }
    }
    expect(loaded.similar(100, { n: 4 })).toEqual(direct.similar(100, { n: 4 }));
    expect(loaded.predict(3, [100, 200])).toEqual(direct.predict(3, [100, 200]));
  });

  it('reads the same parts in slices as at once, answering other callbacks in between', async () => {
    const bundle = await readBundle(dir, { include: (path, manifest) => isServedFile(manifest, path) });
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const sliced = await readRecommenderPartsInSlices(bundle);
    counting = false;
    const atOnce = readRecommenderParts(bundle);
    // One turn per phase at least: the ratings, split, catalog, pipeline and models each get one.
    expect(turns).toBeGreaterThanOrEqual(8);
    expect(sliced.catalog.movies).toEqual(atOnce.catalog.movies);
    expect(sliced.ratings).toEqual(atOnce.ratings);
    expect(sliced.pipeline.featureNames).toEqual(atOnce.pipeline.featureNames);
    expect(sliced.mf).toEqual(atOnce.mf);
    expect(sliced.threshold).toBe(atOnce.threshold);
    sliced.classifier.dispose?.();
    atOnce.classifier.dispose?.();
  });

  it('does not read files serving never uses, and verifies those it does', async () => {
    const metrics = join(dir, 'metrics/comparison.csv');
    writeFileSync(metrics, 'changed');
    await expect(loadRecommender(dir)).resolves.toBeDefined();
    const catalog = join(dir, 'data/catalog.json');
    const original = readFileSync(catalog);
    writeFileSync(catalog, Buffer.concat([original.subarray(0, original.length - 2), Buffer.from(' \n')]));
    await expect(loadRecommender(dir)).rejects.toMatchObject({
      code: 'bad-artifacts',
      field: '/files/data/catalog.json/sha256',
    });
    writeFileSync(catalog, original);
  });

  it('leaves the .npy copies under arrays/ unread: other tools read them, serving reads the originals', () => {
    const manifest = { bestModel: { model: 'xgb', variant: 'baseline', threshold: 0.5 } };
    expect(isServedFile(manifest, 'arrays/split/train.npy')).toBe(false);
    expect(isServedFile(manifest, 'arrays/pipeline/user_table.npy')).toBe(false);
    expect(isServedFile(manifest, 'features/pipeline.json')).toBe(true);
    expect(isServedFile(manifest, 'models/xgb-baseline.json')).toBe(true);
  });

  it("rejects a folder without a bundle with 'bad-artifacts', naming the manifest", async () => {
    const empty = mkdtempSync(join(tmpdir(), 'reco-load-'));
    await expect(loadRecommender(empty)).rejects.toMatchObject({
      code: 'bad-artifacts',
      file: expect.stringMatching(/manifest\.json$/),
    });
  });

  it('rejects a manifest of another format with the field at fault', async () => {
    const other = mkdtempSync(join(tmpdir(), 'reco-load-'));
    writeFileSync(
      join(other, 'manifest.json'),
      JSON.stringify({ format: 'something-else', version: 1, files: {} }),
    );
    await expect(loadRecommender(other)).rejects.toMatchObject({ code: 'bad-manifest', field: '/format' });
  });
});
