import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBundle } from './read-bundle';
import { sampleBody, writeSample } from './test-fixtures';
import { writeBundle } from './write-bundle';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reco-bundle-'));
  dir = join(root, 'artifacts');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const versions = () => readdirSync(root).filter((e) => e.startsWith('.artifacts.v-'));

describe('writeBundle', () => {
  it('writes a version folder behind a symlink, readable by other users', async () => {
    const written = await writeSample(dir);
    expect(written).toMatchObject({ format: 'reco.artifacts', version: 2, note: 'first' });
    expect(lstatSync(dir).isSymbolicLink()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
    expect(readdirSync(root).sort()).toEqual([versions()[0], 'artifacts'].sort());
    const bundle = await readBundle(dir);
    expect(Object.keys(bundle.manifest.files)).toEqual([
      'data/ratings.bin',
      'metrics/comparison.csv',
      'models/xgb-baseline.json',
    ]);
  });

  it('keeps --out whole while a rewrite is being built, and swaps it in one step', async () => {
    await writeSample(dir, 'first');
    let seenDuringBuild: unknown;
    await writeBundle({
      dir,
      build: async (writer) => {
        await writer.write('metrics/comparison.csv', 'second');
        seenDuringBuild = (await readBundle(dir)).manifest.note;
        return sampleBody('second');
      },
    });
    expect(seenDuringBuild).toBe('first');
    expect((await readBundle(dir)).manifest.note).toBe('second');
    // The replaced version stays until the next write, for readers that resolved it just before.
    expect(versions()).toHaveLength(2);
    await writeSample(dir, 'third');
    expect(versions()).toHaveLength(2);
  });

  it('a failed write leaves no trace and keeps the previous bundle', async () => {
    await expect(
      writeBundle({ dir, build: async () => Promise.reject(new Error('disk full (simulated)')) }),
    ).rejects.toThrow('disk full (simulated)');
    expect(readdirSync(root)).toEqual([]);
    await writeSample(dir, 'first');
    const bad = writeBundle({
      dir,
      build: async (writer) => {
        await writer.write('a.txt', 'x');
        return { ...sampleBody('bad'), bestModel: { model: 'nope', variant: 'x', threshold: 0.5 } };
      },
    });
    await expect(bad).rejects.toThrow(expect.objectContaining({ code: 'bad-manifest' }));
    expect((await readBundle(dir)).manifest.note).toBe('first');
    expect(readdirSync(root).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('removes stale temporary folders on the next write', async () => {
    mkdirSync(join(root, '.artifacts.tmp-crashed'));
    mkdirSync(join(root, '.artifacts.v-orphan'));
    await writeSample(dir);
    expect(readdirSync(root).filter((e) => e.includes('crashed') || e.includes('orphan'))).toEqual([]);
  });

  it('replaces a plain folder (the v1 layout) with the symlink layout', async () => {
    await writeSample(dir, 'old');
    const plain = join(root, 'plain');
    cpSync(dir, plain, { recursive: true, dereference: true });
    await writeSample(plain, 'new');
    expect(lstatSync(plain).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(plain, 'manifest.json'), 'utf8')).note).toBe('new');
  });

  it('refuses a path written twice', async () => {
    const twice = writeBundle({
      dir,
      build: async (writer) => {
        await writer.write('a.txt', 'x');
        await writer.write('a.txt', 'y');
        return sampleBody('x');
      },
    });
    await expect(twice).rejects.toThrow(expect.objectContaining({ code: 'config' }));
  });
});
