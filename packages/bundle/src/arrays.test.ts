import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { arrayPath, readBundleArray, writeArrays } from './arrays';
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
      const arrays = await writeArrays(writer, {
        'pipeline/user_table': {
          data: Float32Array.of(1, 2, 3, 4, 5, 6),
          shape: [2, 3],
          description: 'users x columns',
          columns: ['a', 'b', 'c'],
        },
        'split/train': { data: Uint32Array.of(0, 2, 5), description: 'training rows' },
      });
      return { ...sampleBody('arrays'), arrays };
    },
  });
});
afterEach(() => rm(root, { recursive: true, force: true }));

type Entries = Record<string, Record<string, unknown>>;

/** Rewrites `arrays` of the bundle's manifest.json (which no checksum covers) through `edit`. */
function editArrays(edit: (arrays: Entries, manifest: Record<string, unknown>) => void): void {
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(manifest.arrays as Entries, manifest);
  writeFileSync(file, JSON.stringify(manifest));
}

describe('writeArrays', () => {
  it('lists every .npy in the manifest, checksummed, and declares its dtype and shape in manifest.arrays', async () => {
    const bundle = await readBundle(dir);
    expect(Object.keys(bundle.manifest.files)).toEqual(
      expect.arrayContaining(['arrays/pipeline/user_table.npy', 'arrays/split/train.npy']),
    );
    expect(Object.keys(bundle.manifest.files)).not.toContain('arrays/index.json');
    expect(bundle.manifest.arrays).toEqual({
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
    expect(() => readBundleArray(bundle, 'missing')).toThrow(
      expect.objectContaining({ code: 'bad-artifacts', field: '/arrays' }),
    );
  });

  it('a changed .npy fails its SHA-256', async () => {
    const file = join(dir, 'arrays/split/train.npy');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.at(-1)! ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    await expect(readBundle(dir)).rejects.toThrow(expect.objectContaining({ code: 'bad-artifacts' }));
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

describe('readBundle and manifest.arrays', () => {
  it('refuses a declared dtype that the .npy header contradicts, naming the file and field', async () => {
    editArrays((a) => {
      a['split/train']!.dtype = '<f4';
    });
    const error = await readBundle(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'bad-artifacts',
      file: join(dir, 'arrays', 'split', 'train.npy'),
      field: '/arrays/split~1train/dtype',
    });
    expect((error as Error).message).toMatch(
      /train\.npy.*holds <u4, the manifest's \/arrays\/split~1train\/dtype says <f4/,
    );
  });

  it('refuses a declared shape that the .npy header contradicts', async () => {
    editArrays((a) => {
      a['pipeline/user_table']!.shape = [3, 2];
      a['pipeline/user_table']!.columns = ['a', 'b'];
    });
    await expect(readBundle(dir)).rejects.toThrow(
      expect.objectContaining({
        code: 'bad-artifacts',
        file: join(dir, 'arrays', 'pipeline', 'user_table.npy'),
        field: '/arrays/pipeline~1user_table/shape',
        message: expect.stringContaining('has shape (2, 3), the manifest'),
      }),
    );
    // The same check guards readBundleArray when readBundle left the file unchecked.
    const bundle = await readBundle(dir, { include: (path) => !path.endsWith('user_table.npy') });
    const files = new Map(bundle.files);
    files.set('arrays/pipeline/user_table.npy', readFileSync(join(dir, 'arrays/pipeline/user_table.npy')));
    expect(() => readBundleArray({ ...bundle, files }, 'pipeline/user_table')).toThrow(
      expect.objectContaining({ code: 'bad-artifacts', field: '/arrays/pipeline~1user_table/shape' }),
    );
  });

  it('type- and range-checks the arrays section with the schema', async () => {
    const set = (name: string, key: string, value: unknown) => (a: Entries) => {
      a[name]![key] = value;
    };
    const train = (key: string, value: unknown) => set('split/train', key, value);
    const cases: [(a: Entries) => void, string][] = [
      [train('dtype', '<f2'), '/arrays/split~1train/dtype'],
      [train('shape', [-3]), '/arrays/split~1train/shape/0'],
      [train('shape', [1.5]), '/arrays/split~1train/shape/0'],
      [train('shape', '3'), '/arrays/split~1train/shape'],
      [train('description', undefined), '/arrays/split~1train'],
      [train('file', 'arrays/other.npy'), '/arrays/split~1train/file'],
      [train('file', 'arrays/split/test.npy'), '/arrays/split~1train/file'],
      [set('pipeline/user_table', 'columns', ['a']), '/arrays/pipeline~1user_table/columns'],
      [(a) => void delete a['split/train'], '/arrays'],
    ];
    for (const [edit, field] of cases) {
      const saved = readFileSync(join(dir, 'manifest.json'), 'utf8');
      editArrays(edit);
      await expect(readBundle(dir), field).rejects.toThrow(
        expect.objectContaining({ code: 'bad-manifest', field }),
      );
      writeFileSync(join(dir, 'manifest.json'), saved);
    }
    await expect(readBundle(dir)).resolves.toBeDefined();
  });

  it('reads a bundle written before manifests declared arrays; readBundleArray says why it cannot', async () => {
    editArrays((_, m) => {
      delete m.arrays;
    });
    const bundle = await readBundle(dir);
    expect(() => readBundleArray(bundle, 'split/train')).toThrow(/declares no arrays.*rerun `reco train`/);
  });
});

describe('writeBundle and manifest.arrays', () => {
  const write = (body: (arrays: Awaited<ReturnType<typeof writeArrays>>) => object) =>
    writeBundle({
      dir: join(root, 'other'),
      build: async (writer) => {
        await writer.write('models/xgb-baseline.json', '{}');
        const arrays = await writeArrays(writer, { x: { data: Uint8Array.of(1, 2), description: 'x' } });
        return { ...sampleBody('w'), ...body(arrays) };
      },
    });

  it('refuses .npy files the body does not declare', async () => {
    await expect(write(() => ({}))).rejects.toThrow(
      expect.objectContaining({ code: 'config', message: expect.stringContaining('arrays/x.npy') }),
    );
  });

  it('refuses declarations that the written header contradicts', async () => {
    await expect(write((arrays) => ({ arrays: { x: { ...arrays.x!, shape: [1, 2] } } }))).rejects.toThrow(
      expect.objectContaining({ code: 'config', field: '/arrays/x/shape' }),
    );
  });
});
