import { describe, expect, it } from 'vitest';
import { trainAls } from './als';
import { foldInMf } from './fold-in';
import { mfScore, predictMf, trainMf } from './mf';
import { alsItemScores, mfItemScores, scoreItems } from './scoring';
import { plantedRatings } from './test-fixtures';
import { thrownBy } from './test-utils';

describe('scoring', () => {
  const data = plantedRatings({ nUsers: 30, nItems: 25, perUser: 10, seed: 31, noise: 0.3 });

  it('mfItemScores equals μ + b_u + b_i + p_u·q_i for every item, unclipped', async () => {
    const model = await trainMf({ ...data, seed: 1, factors: 4, epochs: 5 });
    const scores = mfItemScores(model, 3);
    expect(scores.length).toBe(25);
    for (let i = 0; i < 25; i++) {
      let expected = model.globalMean + model.userBias[3]! + model.itemBias[i]!;
      for (let k = 0; k < 4; k++) expected += model.userFactors[3 * 4 + k]! * model.itemFactors[i * 4 + k]!;
      expect(scores[i]!).toBeCloseTo(expected, 5);
      expect(mfScore(model, 3, i)).toBeCloseTo(expected, 5);
      expect(predictMf(model, 3, i)).toBeCloseTo(Math.min(5, Math.max(0.5, expected)), 5);
    }
    const folded = foldInMf(model, { items: [0, 1, 2], ratings: [5, 4, 1] });
    const out = new Float32Array(25);
    expect(mfItemScores(model, folded, out)).toBe(out);
    let expected0 = model.globalMean + folded.bias + model.itemBias[0]!;
    for (let k = 0; k < 4; k++) expected0 += folded.factors[k]! * model.itemFactors[k]!;
    expect(out[0]!).toBeCloseTo(expected0, 5);
  });

  it('alsItemScores and scoreItems are plain dot products', async () => {
    const model = await trainAls({ ...data, seed: 1, factors: 3, iterations: 2 });
    const scores = alsItemScores(model, 5);
    for (let i = 0; i < 25; i++) {
      let expected = 0;
      for (let k = 0; k < 3; k++) expected += model.userFactors[5 * 3 + k]! * model.itemFactors[i * 3 + k]!;
      expect(scores[i]!).toBeCloseTo(expected, 6);
    }
    const generic = scoreItems({
      itemFactors: Float32Array.from([1, 0, 0, 1, 1, 1]),
      userVector: Float32Array.from([2, 3]),
      itemBias: Float32Array.from([0.5, 0, -1]),
      offset: 10,
    });
    expect(Array.from(generic)).toEqual([12.5, 13, 14]);
    expect(thrownBy(() => alsItemScores(model, 30))).toMatchObject({ code: 'invalid-input', field: 'user' });
  });
});
