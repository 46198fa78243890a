import { createRng, isRecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { encode, randomRows, randomTree, treeDocument } from './internal/test-models';
import { loadScorerFromBytes } from './load';
import { createParallelScorer, type RowChunk } from './parallel';

const N_FEATURES = 5;

/** Chunks of X as a feature pipeline yields them: one buffer, refilled for every chunk. */
function* reusedBuffer(X: Float32Array, nRows: number, chunkRows: number): Generator<RowChunk> {
  const buffer = new Float32Array(chunkRows * N_FEATURES);
  for (let start = 0; start < nRows; start += chunkRows) {
    const n = Math.min(chunkRows, nRows - start);
    buffer.set(X.subarray(start * N_FEATURES, (start + n) * N_FEATURES));
    yield { start, nRows: n, data: buffer.subarray(0, n * N_FEATURES) };
  }
}

function models(): Uint8Array[] {
  const rng = createRng(3);
  const trees = (n: number) => Array.from({ length: n }, () => randomTree(rng, N_FEATURES, 6));
  const logistic = {
    format: 'reco-logistic',
    version: 1,
    kind: 'logistic',
    featureNames: ['a', 'b', 'c', 'd', 'e'],
    intercept: 0.1,
    coefficients: [0.5, -1, 0.25, 2, -0.75],
    means: [0, 0, 0, 0, 0],
    stds: [1, 1, 1, 1, 1],
  };
  return [
    encode(treeDocument(trees(40), { nFeatures: N_FEATURES })),
    encode(
      treeDocument(trees(15), {
        nFeatures: N_FEATURES,
        attributes: { reco_kind: 'random-forest', reco_format: '1' },
      }),
    ),
    encode(logistic),
  ];
}

/** Each model's probabilities equal one scorer's on one thread, row for row. */
function expectOneThreadNumbers(
  got: readonly Float32Array[],
  bytes: readonly Uint8Array[],
  X: Float32Array,
  nRows: number,
): void {
  bytes.forEach((b, k) => {
    expect(Array.from(got[k]!)).toEqual(Array.from(loadScorerFromBytes(b).predictProba(X, nRows)));
  });
}

describe('createParallelScorer', () => {
  it('gives each model exactly the probabilities of one scorer on one thread, rows in order', async () => {
    const bytes = models();
    // 20,001 rows: shares of 10,001 and 10,000, so the split is not even.
    const nRows = 20_001;
    const X = randomRows(createRng(9), nRows, N_FEATURES);
    const scorer = await createParallelScorer(bytes, { threads: 2 });
    try {
      const got = await scorer.predictProba(X, nRows);
      expect(got).toHaveLength(3);
      expectOneThreadNumbers(got, bytes, X, nRows);
      // A call too small to share stays on the calling thread, with the same numbers.
      const small = await scorer.predictProba(X.subarray(0, 10 * N_FEATURES), 10);
      expect(Array.from(small[0]!)).toEqual(Array.from(got[0]!.subarray(0, 10)));
    } finally {
      await scorer.close();
    }
  });

  it('refuses models of different widths, a bad thread count and a misshapen X, by code', async () => {
    const wide = encode(treeDocument([randomTree(createRng(1), 7, 3)], { nFeatures: 7 }));
    await expect(createParallelScorer([models()[0]!, wide], { threads: 1 })).rejects.toSatisfy(
      (e) => isRecoError(e) && e.code === 'invalid-input',
    );
    await expect(createParallelScorer(models(), { threads: 0 })).rejects.toSatisfy(
      (e) => isRecoError(e) && e.code === 'invalid-input',
    );
    const scorer = await createParallelScorer(models(), { threads: 1 });
    await expect(scorer.predictProba(new Float32Array(7), 2)).rejects.toSatisfy(
      (e) => isRecoError(e) && e.code === 'invalid-input',
    );
    await scorer.close();
  });

  it('scores a stream of reused-buffer chunks on both threads with the one-thread numbers', async () => {
    const bytes = models();
    const nRows = 30_000;
    const X = randomRows(createRng(11), nRows, N_FEATURES);
    const scorer = await createParallelScorer(bytes, { threads: 2 });
    try {
      const progress: number[] = [];
      const got = await scorer.scoreChunks(reusedBuffer(X, nRows, 1000), nRows, (done) =>
        progress.push(done),
      );
      expectOneThreadNumbers(got, bytes, X, nRows);
      expect(progress).toHaveLength(30);
      expect(progress.at(-1)).toBe(nRows);
      expect(progress.every((d, i) => i === 0 || d > progress[i - 1]!)).toBe(true);
      const bad = { start: 29_999, nRows: 2, data: new Float32Array(2 * N_FEATURES) };
      await expect(scorer.scoreChunks([bad], nRows)).rejects.toSatisfy(
        (e) =>
          isRecoError(e) && e.code === 'invalid-input' && /chunk at row 29999/.test((e as Error).message),
      );
    } finally {
      await scorer.close();
    }
  });
});
