import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARRAYS_INDEX, arrayPath, readArrayIndex, readBundleArray, writeArrays } from './arrays';
import { readBundle } from './read-bundle';
import { sampleBody } from './test-fixtures';
import { writeBundle } from './write-bundle';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'reco-arrays-'));
  dir = join(root, 'artifacts');
  await writeBundle({
    dir,
    build: async (writer) => {
      await writer.write('models/xgb-baseline.json', '{"learner":{}}');
      await writeArrays(writer, {
        'pipeline/user_table': {
          data: Float32Array.of(1, 2, 3, 4, 5, 6),
          shape: [2, 3],
          description: 'users x columns',
          columns: ['a', 'b', 'c'],
        },
        'split/train': { data: Uint32Array.of(0, 2, 5), description: 'training rows' },
      });
      return sampleBody('arrays');
    },
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('writeArrays', () => {
  it('lists every .npy and the index in the manifest, checksummed, and the index names dtype and shape', async () => {
    const bundle = await readBundle(dir);
    expect(Object.keys(bundle.manifest.files)).toEqual(
      expect.arrayContaining([ARRAYS_INDEX, 'arrays/pipeline/user_table.npy', 'arrays/split/train.npy']),
    );
    expect(readArrayIndex(bundle).arrays).toEqual({
      'pipeline/user_table': {
        file: 'arrays/pipeline/user_table.npy',
        dtype: '<f4',
        shape: [2, 3],
        description: 'users x columns',
        columns: ['a', 'b', 'c'],
      },
      'split/train': {
        file: 'arrays/split/train.npy',
        dtype: '<u4',
        shape: [3],
        description: 'training rows',
      },
    });
    const table = readBundleArray(bundle, 'pipeline/user_table');
    expect(table.shape).toEqual([2, 3]);
    expect(Array.from(table.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a changed .npy fails its SHA-256; an index that disagrees with the file is refused', async () => {
    const file = join(dir, 'arrays/split/train.npy');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.at(-1)! ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    await expect(readBundle(dir)).rejects.toThrow(expect.objectContaining({ code: 'bad-artifacts' }));

    const bundle = await readBundle(dir, { include: (path) => path !== 'arrays/split/train.npy' });
    const index = readArrayIndex(bundle);
    const lying = { ...bundle, files: new Map(bundle.files) };
    const edited = {
      ...index,
      arrays: { ...index.arrays, x: { ...index.arrays['pipeline/user_table']!, shape: [3, 2] } },
    };
    lying.files.set(ARRAYS_INDEX, new TextEncoder().encode(JSON.stringify(edited)));
    expect(() => readBundleArray(lying, 'x')).toThrow(/the index says <f4 \(3, 2\)/);
    expect(() => readBundleArray(bundle, 'missing')).toThrow(
      expect.objectContaining({ code: 'bad-artifacts' }),
    );
  });

  it('refuses column names that do not match the last axis', async () => {
    const writer = { write: async () => {} };
    const data = new Float32Array(6);
    await expect(
      writeArrays(writer, { t: { data, shape: [3, 2], description: '', columns: ['a', 'b', 'c'] } }),
    ).rejects.toThrow(expect.objectContaining({ code: 'config' }));
  });

  it('refuses array names that are not safe paths', () => {
    expect(arrayPath('scores/xgb-baseline/val')).toBe('arrays/scores/xgb-baseline/val.npy');
    for (const name of ['../x', 'a//b', '/a', 'a b', 'a/./b', '']) {
      expect(() => arrayPath(name)).toThrow(expect.objectContaining({ code: 'config' }));
    }
  });
});
