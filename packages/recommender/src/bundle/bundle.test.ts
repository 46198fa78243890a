import { createHash } from 'node:crypto';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecommenderError } from '../errors';
import { decodeColumns, encodeColumns } from './columns';
import { readBundle } from './read-bundle';
import { writeBundle } from './write-bundle';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'reco-bundle-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function writeSample(dir: string, note = 'first') {
  return writeBundle({
    dir,
    build: async (writer) => {
      await writer.write('models/xgb-baseline.json', '{"learner":{}}');
      await writer.write('data/ratings.bin', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
      await writer.write('metrics/comparison.csv', `model,rocAuc\nxgb,0.8\n${note}\n`);
      return { createdAt: '2026-01-01T00:00:00.000Z', note };
    },
  });
}

describe('writeBundle / readBundle', () => {
  it('lists every file with its size and SHA-256, and the files verify', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'reco.artifacts', version: 1, note: 'first' });
    expect(Object.keys(manifest.files).sort()).toEqual([
      'data/ratings.bin',
      'metrics/comparison.csv',
      'models/xgb-baseline.json',
    ]);
    for (const [path, entry] of Object.entries(manifest.files) as [
      string,
      { bytes: number; sha256: string },
    ][]) {
      const bytes = readFileSync(join(dir, path));
      expect(entry.bytes).toBe(bytes.length);
      expect(entry.sha256).toBe(sha256(bytes));
    }
    const bundle = await readBundle(dir);
    expect(bundle.manifest.files['data/ratings.bin']!.bytes).toBe(8);
    // Nothing but the bundle is left beside it, and other users may read it.
    expect(readdirSync(root)).toEqual(['artifacts']);
    expect(statSync(dir).mode & 0o777).toBe(0o755);
  });

  it('names a corrupted file', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir);
    const file = join(dir, 'data/ratings.bin');
    const bytes = readFileSync(file);
    bytes[3] = bytes[3]! ^ 0xff;
    writeFileSync(file, bytes);
    await expect(readBundle(dir)).rejects.toThrow(/data\/ratings\.bin fails its SHA-256 check/);
    await expect(readBundle(dir)).rejects.toBeInstanceOf(RecommenderError);
  });

  it('names a truncated file and a missing file', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir);
    truncateSync(join(dir, 'metrics/comparison.csv'), 3);
    await expect(readBundle(dir)).rejects.toThrow(/metrics\/comparison\.csv has 3 bytes/);
    rmSync(join(dir, 'metrics/comparison.csv'));
    await expect(readBundle(dir)).rejects.toThrow(
      /metrics\/comparison\.csv is listed in the manifest but missing/,
    );
  });

  it('rejects another format, a newer version and paths outside the folder', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir);
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...manifest, version: 2 }));
    await expect(readBundle(dir)).rejects.toThrow(/version 2/);
    writeFileSync(path, JSON.stringify({ ...manifest, format: 'other' }));
    await expect(readBundle(dir)).rejects.toThrow(/format "other"/);
    const outside = { bytes: 1, sha256: '0'.repeat(64) };
    writeFileSync(path, JSON.stringify({ ...manifest, files: { '../secret': outside } }));
    await expect(readBundle(dir)).rejects.toThrow(/"\.\.\/secret" is not a valid bundle file path/);
    rmSync(path);
    await expect(readBundle(dir)).rejects.toThrow(/has no manifest\.json/);
  });

  it('an interrupted write leaves no bundle, no manifest and no temporary folder', async () => {
    const dir = join(root, 'artifacts');
    const failure = writeBundle({
      dir,
      build: async (writer) => {
        await writer.write('models/xgb-baseline.json', '{}');
        await writer.write('data/ratings.bin', new Uint8Array(1024));
        throw new Error('disk full (simulated)');
      },
    });
    await expect(failure).rejects.toThrow('disk full (simulated)');
    expect(readdirSync(root)).toEqual([]);
  });

  it('an interrupted rewrite keeps the previous bundle whole', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir, 'first');
    const failure = writeBundle({
      dir,
      build: async (writer) => {
        await writer.write('metrics/comparison.csv', 'half');
        throw new Error('killed (simulated)');
      },
    });
    await expect(failure).rejects.toThrow('killed (simulated)');
    expect(readdirSync(root)).toEqual(['artifacts']);
    const bundle = await readBundle(dir);
    expect(bundle.manifest.note).toBe('first');
  });

  it('a successful rewrite replaces the bundle and removes the old one', async () => {
    const dir = join(root, 'artifacts');
    await writeSample(dir, 'first');
    await writeSample(dir, 'second');
    expect(readdirSync(root)).toEqual(['artifacts']);
    expect((await readBundle(dir)).manifest.note).toBe('second');
  });
});

describe('encodeColumns / decodeColumns', () => {
  it('round-trips typed arrays of every supported type, 8-byte aligned', () => {
    const columns = {
      a: new Uint8Array([1, 2, 3]),
      b: new Uint32Array([7, 4_000_000_000]),
      c: new Int32Array([-5, 9]),
      d: new Float32Array([0.5, Number.NaN, -1.25]),
    };
    const { header, bytes } = encodeColumns(columns);
    expect(header.columns.map((c) => c.offset % 8)).toEqual([0, 0, 0, 0]);
    const back = decodeColumns(JSON.parse(JSON.stringify(header)), bytes.slice(), 'test.bin');
    expect(Array.from(back.a!)).toEqual([1, 2, 3]);
    expect(Array.from(back.b!)).toEqual([7, 4_000_000_000]);
    expect(Array.from(back.c!)).toEqual([-5, 9]);
    expect(Array.from(back.d!)).toEqual([0.5, Number.NaN, -1.25]);
    expect(back.d).toBeInstanceOf(Float32Array);
  });

  it('rejects a column that points past the end of the data', () => {
    const { header, bytes } = encodeColumns({ a: new Uint32Array(4) });
    expect(() => decodeColumns(header, bytes.subarray(0, 8), 'x.bin')).toThrow(/column a lies outside/);
  });
});
