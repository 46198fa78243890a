import { describe, expect, it } from 'vitest';
import type { FeatureFamily } from './layout';
import { fitFeaturePipeline } from './pipeline';
import { stratifiedSplit } from './stratified-split';
import { makeTags, randomDataset, shiftRows, withoutRow, withRating } from './test-fixtures';

/**
 * The guarantees that make the leak impossible by construction:
 * - leakage: a validation or test rating (changed, or deleted) changes no feature of any row;
 * - parity: a training row's own rating never reaches its own features (out-of-fold statistics).
 */

const { ratings, movies } = randomDataset({ nUsers: 30, nMovies: 40, ratingsPerUser: [8, 25], seed: 21 });
const tags = makeTags([
  [0, 'space'],
  [1, 'space'],
  [2, 'funny'],
  [3, 'funny'],
  [0, 'classic'],
  [5, 'classic'],
]);
const split = stratifiedSplit(ratings, { seed: 4 });
const allRows = Uint32Array.from({ length: ratings.length }, (_, i) => i);

/** A small, quick MF for the 'cf' family. */
const SMALL_MF = { factors: 4, epochs: 3 };

const FAMILY_SETS: readonly (readonly FeatureFamily[])[] = [
  ['user'],
  ['movie'],
  ['interaction'],
  ['content'],
  ['cf'],
  ['baseline'],
  ['taste'],
  ['time'],
  ['user', 'movie', 'interaction', 'content', 'cf', 'baseline', 'taste', 'time'],
];

function familiesOf(on: readonly FeatureFamily[]) {
  return {
    user: on.includes('user'),
    movie: on.includes('movie'),
    interaction: on.includes('interaction'),
    content: on.includes('content'),
    cf: on.includes('cf'),
    baseline: on.includes('baseline'),
    taste: on.includes('taste'),
    time: on.includes('time'),
  };
}

function rowBytes(data: Float32Array, nCols: number, i: number): Buffer {
  return Buffer.from(data.buffer, data.byteOffset + i * nCols * 4, nCols * 4);
}

describe('leakage: validation and test ratings never reach any feature', () => {
  const heldOut = [split.test[0]!, split.test[split.test.length - 1]!, split.validation[3]!];

  for (const on of FAMILY_SETS) {
    for (const missing of ['impute', 'nan'] as const) {
      it(`families [${on.join(', ')}], missing '${missing}': changing or deleting held-out ratings changes nothing`, async () => {
        const options = { seed: 8, families: familiesOf(on), missing, contentDims: 4, cf: SMALL_MF };
        const fit = (store: typeof ratings, trainRows: Uint32Array) =>
          fitFeaturePipeline({ dataset: { ratings: store, movies, tags }, trainRows, ...options });
        const before = await fit(ratings, split.train);
        const reference = before.transformRows(allRows);

        for (const row of heldOut) {
          // A rating flipped to the other end of the scale.
          const flipped = withRating(ratings, row, ratings.rating[row]! >= 3 ? 0.5 : 5);
          const after = (await fit(flipped, split.train)).transformRows(allRows);
          expect(Buffer.from(after.data.buffer)).toEqual(Buffer.from(reference.data.buffer));

          // The row removed from the store altogether.
          const smaller = withoutRow(ratings, row);
          const without = await fit(smaller, shiftRows(split.train, row));
          const kept = Uint32Array.from({ length: smaller.length }, (_, i) => i);
          const afterDelete = without.transformRows(kept);
          for (let i = 0; i < smaller.length; i++) {
            const original = i < row ? i : i + 1;
            expect(rowBytes(afterDelete.data, afterDelete.nCols, i)).toEqual(
              rowBytes(reference.data, reference.nCols, original),
            );
          }
        }
      });
    }
  }

  it('the deck protocol does leak (the test above has teeth), and says so', async () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    const options = { seed: 8, protocol: 'deck' as const, logger, families: familiesOf(['user', 'movie']) };
    const before = await fitFeaturePipeline({
      dataset: { ratings, movies },
      trainRows: split.train,
      ...options,
    });
    const row = split.test[0]!;
    const flipped = withRating(ratings, row, ratings.rating[row]! >= 3 ? 0.5 : 5);
    const after = await fitFeaturePipeline({
      dataset: { ratings: flipped, movies },
      trainRows: split.train,
      ...options,
    });
    const a = before.transformRows(split.train);
    const b = after.transformRows(split.train);
    expect(Buffer.from(a.data.buffer)).not.toEqual(Buffer.from(b.data.buffer));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/ALL ratings/);
  });
});

describe('parity: a training row’s own rating never reaches its own features', () => {
  for (const on of FAMILY_SETS) {
    it(`families [${on.join(', ')}]`, async () => {
      // Unscaled: the scaler is fitted on all training rows, so any training rating moves it a bit.
      const options = { seed: 8, families: familiesOf(on), scale: false, contentDims: 4, cf: SMALL_MF };
      const before = await fitFeaturePipeline({
        dataset: { ratings, movies, tags },
        trainRows: split.train,
        ...options,
      });
      const reference = before.transformRows(allRows);
      let changedElsewhere = false;
      for (const position of [0, 57, split.train.length - 1]) {
        const row = split.train[position]!;
        const flipped = withRating(ratings, row, ratings.rating[row]! >= 3 ? 0.5 : 5);
        const after = (
          await fitFeaturePipeline({
            dataset: { ratings: flipped, movies, tags },
            trainRows: split.train,
            ...options,
          })
        ).transformRows(allRows);
        expect(rowBytes(after.data, after.nCols, row)).toEqual(
          rowBytes(reference.data, reference.nCols, row),
        );
        changedElsewhere ||= !Buffer.from(after.data.buffer).equals(Buffer.from(reference.data.buffer));
      }
      // Target-derived families do learn from the rating: other rows see it.
      if (on.some((family) => family !== 'content')) {
        expect(changedElsewhere).toBe(true);
      }
    });
  }
});
