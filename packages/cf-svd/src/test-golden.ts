/**
 * Test-only. Same seed, same model as before the kernels moved to AssemblyScript and the RNG, top-k and worker
 * pool to @reco/core: the sha256 of each fitted model's arrays on ml-latest-small, recorded from
 * main at 23d3b5f (the hand-encoded kernels and the package's own mulberry32) and checked here.
 */
import { createHash } from 'node:crypto';
import { trainAls } from './als';
import { trainMf } from './mf';
import { outOfFoldPredictions } from './out-of-fold';
import { randomizedSvd } from './randomized-svd';
import { csrFromCoo } from './sparse';
import { randomSplit, readRatingsCsv } from './test-utils';

function sha256(...arrays: ArrayBufferView[]): string {
  const hash = createHash('sha256');
  for (const a of arrays) hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return hash.digest('hex').slice(0, 16);
}

/** The fingerprints, computed from the package's current code. */
export async function fingerprints(): Promise<Record<string, string>> {
  const data = readRatingsCsv();
  const split = randomSplit(data.user.length, 0.2, 7);
  const out: Record<string, string> = {};
  for (const threads of [1, 2]) {
    const mf = await trainMf({ ...data, rows: split.train, seed: 42, factors: 10, epochs: 4, threads });
    out[`mf-threads-${threads}`] = sha256(mf.userFactors, mf.itemFactors, mf.userBias, mf.itemBias);
    const als = await trainAls({ ...data, rows: split.train, seed: 42, factors: 10, iterations: 3, threads });
    out[`als-threads-${threads}`] = sha256(als.userFactors, als.itemFactors);
  }
  const oof = await outOfFoldPredictions({
    ...data,
    trainRows: split.train.subarray(0, 20000),
    predictRows: split.test,
    folds: 3,
    seed: 5,
    mfOptions: { factors: 6, epochs: 2 },
  });
  out.oof = sha256(oof.trainPredictions, oof.predictions);
  const csr = csrFromCoo({
    nRows: data.nUsers,
    nCols: data.nItems,
    row: data.user,
    col: data.item,
    value: data.rating,
  });
  const svd = randomizedSvd(csr, { rank: 8, seed: 3 });
  out.svd = sha256(svd.u, svd.s, svd.vt);
  return out;
}
