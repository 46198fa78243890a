import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trainAls } from './als';
import { CfError } from './errors';
import { trainMf } from './mf';
import { CF_FORMAT_VERSION, decodeModel, encodeModel, loadModel, saveModel } from './serialize';
import { plantedRatings } from './test-fixtures';
import { thrownBy } from './test-utils';

const data = plantedRatings({ nUsers: 20, nItems: 15, perUser: 6, seed: 51, noise: 0.3 });
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('encodeModel / decodeModel', () => {
  it('round-trips an MF model exactly, as little-endian Float32 in the documented layout', async () => {
    const model = await trainMf({ ...data, seed: 1, factors: 3, epochs: 3 });
    const { header, bytes } = encodeModel(model);
    expect(header).toMatchObject({
      format: 'reco-cf-factors',
      version: CF_FORMAT_VERSION,
      kind: 'mf',
      factors: 3,
    });
    // Read one value back by hand: itemBias[2] at its documented offset, little-endian.
    const entry = header.arrays.find((a) => a.name === 'itemBias')!;
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getFloat32((entry.offset + 2) * 4, true)).toBe(model.itemBias[2]);
    expect(bytes.byteLength).toBe((20 + 15 + 20 * 3 + 15 * 3) * 4);

    const back = decodeModel(JSON.parse(JSON.stringify(header)), bytes);
    expect(back).toEqual(model);
  });

  it('round-trips an ALS model and refuses mismatched or unknown input', async () => {
    const model = await trainAls({ ...data, seed: 1, factors: 2, iterations: 2 });
    const { header, bytes } = encodeModel(model);
    expect(decodeModel(header, bytes)).toEqual(model);

    const flipped = Uint8Array.from(bytes);
    flipped[5]! ^= 1;
    for (const bad of [
      () => decodeModel(header, flipped),
      () => decodeModel({ ...header, version: 99 }, bytes),
      () => decodeModel({ ...header, format: 'other' }, bytes),
      () => decodeModel(header, bytes.subarray(4)),
    ]) {
      const error = thrownBy(bad);
      expect(error).toBeInstanceOf(CfError);
      expect(error).toMatchObject({ code: 'bad-model' });
    }
  });
});

describe('saveModel / loadModel', () => {
  it('writes factors.bin + factors.json with no temporary files left, and loads them back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cf-svd-'));
    dirs.push(dir);
    const model = await trainMf({ ...data, seed: 2, factors: 2, epochs: 2 });
    const paths = await saveModel(model, { dir });
    expect(paths.binaryPath).toBe(join(dir, 'factors.bin'));
    expect((await readdir(dir)).sort()).toEqual(['factors.bin', 'factors.json']);
    expect(await loadModel({ dir })).toEqual(model);

    // A header from another model next to this binary is caught.
    const other = await trainMf({ ...data, seed: 3, factors: 2, epochs: 2 });
    await saveModel(other, { dir, name: 'other' });
    await writeFile(join(dir, 'factors.json'), await readFile(join(dir, 'other.json')));
    await expect(loadModel({ dir })).rejects.toMatchObject({ code: 'bad-model' });
    await expect(loadModel({ dir, name: 'missing' })).rejects.toMatchObject({ name: 'CfError', code: 'io' });
  });
});
