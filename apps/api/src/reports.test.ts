import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecoClient, isClientError, type RecoClient } from '@reco/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { injectFetch } from './testing/inject-fetch';
import { copyArtifacts, testArtifacts, testServer } from './testing/server';

let app: App;
let api: RecoClient;
beforeAll(async () => {
  app = await testServer({ webDir: null });
  api = createRecoClient({ baseUrl: 'http://reco.test', fetch: injectFetch(app) });
});
afterAll(() => app.close());

const readJson = async (path: string) => JSON.parse(await readFile(join(testArtifacts(), path), 'utf8'));

describe('GET /v1/dataset/summary', () => {
  it("answers the counts the study recorded in the manifest, and the like rate at the study's threshold", async () => {
    const summary = await api.datasetSummary();
    const manifest = await readJson('manifest.json');
    expect(summary.overview).toMatchObject(manifest.dataset.counts);
    expect(summary.likeThreshold).toBe(manifest.config.likeThreshold);
    const histogramTotal = summary.ratingHistogram.reduce((a, b) => a + b.count, 0);
    expect(histogramTotal).toBe(summary.overview.ratings);
    const liked = summary.ratingHistogram
      .filter((h) => h.rating >= summary.likeThreshold)
      .reduce((a, b) => a + b.count, 0);
    expect(summary.overview.likeRate).toBeCloseTo(liked / histogramTotal, 10);
    expect(summary.ratingsPerUser.reduce((a, b) => a + b.count, 0)).toBe(summary.overview.users);
    expect(summary.sample.length).toBeGreaterThan(0);
  });
});

describe('GET /v1/model/report', () => {
  it("has the comparison table's rows and curves for every model, at most 200 points each", async () => {
    const report = await api.modelReport();
    const comparison = await readJson('metrics/comparison.json');
    expect(report.comparison).toHaveLength(comparison.length);
    const bestTest = Math.max(
      ...comparison
        .filter((r: { split: string }) => r.split === 'test')
        .map((r: { rocAuc: number }) => r.rocAuc),
    );
    expect(Math.max(...report.comparison.filter((r) => r.split === 'test').map((r) => r.rocAuc))).toBe(
      bestTest,
    );
    const curves = report.curves!;
    expect(curves.models).toHaveLength(comparison.length / 2);
    for (const m of curves.models) {
      expect(m.roc.length).toBeLessThanOrEqual(200);
      expect(m.roc.length).toBeGreaterThan(2);
    }
    const { tp, fp, tn, fn } = curves.confusion;
    expect(tp + fp + tn + fn).toBe(curves.models[0]!.rows);
    expect(report.stages.map((s) => s.stage)).toContain('train');
    expect(report.chosen).toEqual((await readJson('manifest.json')).bestModel);
  });

  it('is in the OpenAPI document with both report routes', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/dataset/summary', '/v1/model/report']),
    );
  });
});

describe('an older bundle without the report files', () => {
  let old: App;
  let copy: Awaited<ReturnType<typeof copyArtifacts>>;
  beforeAll(async () => {
    copy = await copyArtifacts();
    const manifestPath = join(copy.dir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    for (const path of Object.keys(manifest.files)) {
      if (path.startsWith('reports/')) {
        delete manifest.files[path];
        await rm(join(copy.dir, path));
      }
    }
    await writeFile(manifestPath, JSON.stringify(manifest));
    old = await testServer({ artifactsDir: copy.dir, webDir: null });
  });
  afterAll(async () => {
    await old.close();
    await copy.remove();
  });

  it('answers the summary with a report-missing problem, and the model report without curves', async () => {
    const client = createRecoClient({ fetch: injectFetch(old), baseUrl: 'http://reco.test' });
    const error = await client.datasetSummary().catch((e: unknown) => e);
    expect(isClientError(error, 'problem')).toBe(true);
    if (!isClientError(error)) return;
    expect(error.status).toBe(404);
    expect(error.problemType).toBe('report-missing');
    const report = await client.modelReport();
    expect(report.curves).toBeNull();
    expect(report.comparison.length).toBeGreaterThan(0);
  });
});

describe('the web page', () => {
  let web: App;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reco-web-'));
    mkdirSync(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>reco</title>');
    await writeFile(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
    web = await testServer({ webDir: dir });
  });
  afterAll(async () => {
    await web.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and hashed assets with a long cache, beside the API routes', async () => {
    const page = await web.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await web.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const model = await web.inject({ method: 'GET', url: '/v1/model' });
    expect(model.statusCode).toBe(200);
  });

  it('answers a path that is neither a route nor a file with a problem 404', async () => {
    const missing = await web.inject({ method: 'GET', url: '/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
