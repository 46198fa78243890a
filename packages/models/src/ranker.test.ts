import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { XGBoostRanker } from './ranker';

const N_COLS = 4;
const GROUP = 20;

/** Groups of GROUP rows; relevance 0..3 grows with x0 - x1 plus noise, x2 and x3 are noise. */
function problem(groups: number, seed: number) {
  const rng = createRawRng(seed);
  const nRows = groups * GROUP;
  const X = new Float32Array(nRows * N_COLS);
  const relevance = new Float32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < N_COLS; c++) X[r * N_COLS + c] = rng.nextFloat();
    const signal = X[r * N_COLS]! - X[r * N_COLS + 1]! + 0.3 * (rng.nextFloat() - 0.5);
    relevance[r] = signal > 0.5 ? 3 : signal > 0.2 ? 2 : signal > 0 ? 1 : 0;
  }
  return { X, nRows, relevance, groupSizes: new Uint32Array(groups).fill(GROUP) };
}

/** Mean NDCG@k over groups, gain 2^rel - 1, ranking each group by `scores` (descending). */
function meanNdcg(scores: ArrayLike<number>, relevance: Float32Array, groups: number, k: number): number {
  let total = 0;
  for (let g = 0; g < groups; g++) {
    const rows = Array.from({ length: GROUP }, (_, i) => g * GROUP + i);
    const dcg = (order: number[]) =>
      order.slice(0, k).reduce((s, row, i) => s + (2 ** relevance[row]! - 1) / Math.log2(i + 2), 0);
    const ideal = dcg([...rows].sort((a, b) => relevance[b]! - relevance[a]!));
    total += ideal === 0 ? 0 : dcg([...rows].sort((a, b) => scores[b]! - scores[a]! || a - b)) / ideal;
  }
  return total / groups;
}

describe('XGBoostRanker', () => {
  const train = problem(60, 1);
  const test = problem(40, 2);

  it.each(['rank:ndcg', 'rank:pairwise'] as const)(
    '%s ranks held-out groups better than a random order',
    (objective) => {
      const ranker = XGBoostRanker.fit(train.X, train.nRows, N_COLS, train.groupSizes, train.relevance, {
        objective,
        nRounds: 40,
        seed: 3,
      });
      try {
        const scores = ranker.predict(test.X, test.nRows);
        const rng = createRawRng(9);
        const random = Float32Array.from({ length: test.nRows }, () => rng.nextFloat());
        const learned = meanNdcg(scores, test.relevance, 40, 10);
        const baseline = meanNdcg(random, test.relevance, 40, 10);
        expect(learned).toBeGreaterThan(baseline + 0.1);
      } finally {
        ranker.dispose();
      }
    },
  );

  it("round-trips through XGBoost's JSON format with the same scores", () => {
    const ranker = XGBoostRanker.fit(train.X, train.nRows, N_COLS, train.groupSizes, train.relevance, {
      nRounds: 10,
    });
    const bytes = ranker.toJson();
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { learner: { objective: { name: string } } };
    expect(json.learner.objective.name).toBe('rank:ndcg');
    const back = XGBoostRanker.fromJson(bytes);
    expect(back.nCols).toBe(N_COLS);
    expect(Array.from(back.predict(test.X, test.nRows))).toEqual(
      Array.from(ranker.predict(test.X, test.nRows)),
    );
    ranker.dispose();
    back.dispose();
  });

  it('rejects groups that do not cover the rows, and mis-shaped input', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof ModelError ? error.code : 'other';
      }
      return 'none';
    };
    expect(
      code(() => XGBoostRanker.fit(train.X, train.nRows, N_COLS, Uint32Array.of(5), train.relevance)),
    ).toBe('invalid-input');
    expect(code(() => XGBoostRanker.fit(train.X, train.nRows, 3, train.groupSizes, train.relevance))).toBe(
      'invalid-input',
    );
    expect(
      code(() => XGBoostRanker.fit(train.X, train.nRows, N_COLS, train.groupSizes, new Float32Array(3))),
    ).toBe('invalid-input');
  });
});
