import { describe, expect, it } from 'vitest';
import { trainAls } from './als';
import { createBlockScorer } from './block-scores';
import { alsBlockScorer, alsItemScores } from './scoring';
import { plantedRatings } from './test-fixtures';
import { thrownBy } from './test-utils';

describe('block scorer', () => {
  it('scores a block of users as their dot products, each row the floats alsItemScores gives that user', async () => {
    const data = plantedRatings({ nUsers: 30, nItems: 25, perUser: 10, seed: 5, noise: 0.3 });
    const model = await trainAls({ ...data, seed: 2, factors: 6, iterations: 2 });
    const scorer = alsBlockScorer(model);
    expect(alsBlockScorer(model)).toBe(scorer);
    // Users 3..9: a group of four and a tail of three, read straight from the model's rows.
    const block = scorer.score(model.userFactors.subarray(3 * 6, 10 * 6), 7).slice();
    for (let u = 0; u < 7; u++) {
      const row = block.subarray(u * 25, (u + 1) * 25);
      expect(Array.from(row)).toEqual(Array.from(alsItemScores(model, 3 + u)));
      for (let i = 0; i < 25; i++) {
        let dot = 0;
        for (let k = 0; k < 6; k++)
          dot += model.userFactors[(3 + u) * 6 + k]! * model.itemFactors[i * 6 + k]!;
        expect(row[i]!).toBeCloseTo(dot, 5);
      }
    }
  });

  it('refuses more users than a block holds, naming the field', () => {
    const scorer = createBlockScorer(new Float32Array(10), 2, 4);
    expect(scorer.nItems).toBe(5);
    expect(thrownBy(() => scorer.score(new Float32Array(10), 5))).toMatchObject({
      code: 'invalid-input',
      field: 'nUsers',
    });
  });
});
