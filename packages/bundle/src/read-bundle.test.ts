import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle, readBundleBytes, readBundleJson } from './read-bundle';
import { writeSample } from './test-fixtures';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reco-bundle-'));
  dir = join(root, 'artifacts');
  await writeSample(dir);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const manifestPath = () => join(dir, 'manifest.json');
const manifest = () => JSON.parse(readFileSync(manifestPath(), 'utf8'));
const rewrite = (patch: Record<string, unknown>) =>
  writeFileSync(manifestPath(), JSON.stringify({ ...manifest(), ...patch }));
const refusal = (code: string, field?: string) =>
  expect.objectContaining(field === undefined ? { code } : { code, field });

describe('readBundle', () => {
  it('holds each verified file in memory and decodes from those bytes', async () => {
    const bundle = await readBundle(dir);
    expect(Array.from(readBundleBytes(bundle, 'data/ratings.bin'))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(readBundleJson(bundle, 'models/xgb-baseline.json')).toEqual({ learner: {} });
    // Changing the file after the read does not change what the bundle decodes: one read only.
    writeFileSync(join(dir, 'data/ratings.bin'), new Uint8Array(8));
    expect(readBundleBytes(bundle, 'data/ratings.bin')[0]).toBe(1);
  });

  it('reads only the included files, and refuses to hand out the others', async () => {
    const bundle = await readBundle(dir, { include: (path) => path.startsWith('models/') });
    expect([...bundle.files.keys()]).toEqual(['models/xgb-baseline.json']);
    expect(() => readBundleBytes(bundle, 'data/ratings.bin')).toThrow(refusal('config'));
    expect(() => readBundleBytes(bundle, 'nope.bin')).toThrow(refusal('bad-artifacts'));
  });

  it('names a corrupted, a truncated and a missing file', async () => {
    const file = join(dir, 'data/ratings.bin');
    writeFileSync(file, new Uint8Array([1, 2, 3, 9, 5, 6, 7, 8]));
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-artifacts', '/files/data/ratings.bin/sha256'));
    truncateSync(join(dir, 'metrics/comparison.csv'), 3);
    writeFileSync(file, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    await expect(readBundle(dir)).rejects.toThrow(
      refusal('bad-artifacts', '/files/metrics/comparison.csv/bytes'),
    );
    rmSync(join(dir, 'metrics/comparison.csv'));
    await expect(readBundle(dir)).rejects.toThrow(
      expect.objectContaining({ file: expect.stringMatching(/comparison\.csv$/) }),
    );
  });

  it('refuses a manifest field of the wrong type with its JSON path', async () => {
    rewrite({ createdAt: 42 });
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-manifest', '/createdAt'));
    rewrite({ createdAt: 'now', models: 'xgb' });
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-manifest', '/models'));
  });

  it('refuses a threshold outside (0, 1) and a bestModel that is not among the models', async () => {
    const best = manifest().bestModel;
    for (const threshold of [0, 1, 1.5, -0.1]) {
      rewrite({ bestModel: { ...best, threshold } });
      await expect(readBundle(dir)).rejects.toThrow(refusal('bad-manifest', '/bestModel/threshold'));
    }
    rewrite({ bestModel: { ...best, model: 'rf', threshold: 0.5 } });
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-manifest', '/bestModel'));
  });

  it('refuses an unknown format version, saying who wrote it and what to do', async () => {
    rewrite({ version: 7, writtenBy: '@reco/study 9.0.0' });
    const error = await readBundle(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unsupported-version', field: '/version' });
    expect((error as Error).message).toContain('@reco/study 9.0.0');
    expect((error as Error).message).toContain('reco train');
  });

  it('refuses another format, paths outside the folder and a missing manifest', async () => {
    rewrite({ format: 'other' });
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-manifest', '/format'));
    rewrite({ format: 'reco.artifacts', files: { '../secret': { bytes: 1, sha256: '0'.repeat(64) } } });
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-artifacts', '/files/../secret'));
    rmSync(manifestPath());
    await expect(readBundle(dir)).rejects.toThrow(refusal('bad-artifacts'));
  });

  it('reads a version 1 bundle (the @reco/recommender layout) and says who wrote it', async () => {
    const { writtenBy: _, ...v1 } = manifest();
    writeFileSync(
      manifestPath(),
      JSON.stringify({ ...v1, version: 1, packageVersions: { '@reco/recommender': '0.1.0' } }),
    );
    const bundle = await readBundle(dir);
    expect(bundle.manifest.version).toBe(1);
    expect(bundle.manifest.writtenBy).toBe('@reco/recommender 0.1.0');
  });
});
