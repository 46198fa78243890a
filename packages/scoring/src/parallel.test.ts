import { createRng, isRecoError } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { encode, randomRows, randomTree, treeDocument } from './internal/test-models';
import { loadScorerFromBytes } from './load';
import { createParallelScorer } from './parallel';

const N_FEATURES = 5;

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
      bytes.forEach((b, k) => {
        expect(Array.from(got[k]!)).toEqual(Array.from(loadScorerFromBytes(b).predictProba(X, nRows)));
      });
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
});
