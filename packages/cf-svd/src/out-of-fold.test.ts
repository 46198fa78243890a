import { describe, expect, it } from 'vitest';
import { predictMfRows } from './mf';
import { outOfFoldPredictions } from './out-of-fold';
import { plantedRatings } from './test-fixtures';

describe('outOfFoldPredictions', () => {
  const data = plantedRatings({ nUsers: 60, nItems: 40, perUser: 15, rank: 2, noise: 0.4, seed: 41 });
  const n = data.user.length;
  const trainRows = Uint32Array.from({ length: n }, (_, t) => t).filter((t) => t % 5 !== 0);
  const otherRows = Uint32Array.from({ length: n }, (_, t) => t).filter((t) => t % 5 === 0);
  const mfOptions = { factors: 4, epochs: 8 };
  const run = (rating: Float32Array, predictRows: Uint32Array = otherRows) =>
    outOfFoldPredictions({ ...data, rating, trainRows, predictRows, folds: 5, seed: 3, mfOptions });

  it("never lets a train row's own rating reach its prediction", async () => {
    const base = await run(data.rating);
    for (const position of [0, 17, 250]) {
      const changed = Float32Array.from(data.rating);
      const row = trainRows[position]!;
      changed[row] = changed[row]! > 2.75 ? 0.5 : 5;
      const after = await run(changed);
      // Its own OOF value is unchanged: the only model predicting it never saw it...
      expect(after.trainPredictions[position]).toBe(base.trainPredictions[position]);
      // ...while the other folds' models, and the full model, did see it.
      let movedTrain = 0;
      base.trainPredictions.forEach((p, t) => {
        if (p !== after.trainPredictions[t]) movedTrain++;
      });
      expect(movedTrain).toBeGreaterThan(trainRows.length / 2);
      let movedOther = 0;
      base.predictions.forEach((p, t) => {
        if (p !== after.predictions[t]) movedOther++;
      });
      expect(movedOther).toBeGreaterThan(otherRows.length / 2);
    }
  });

  it('predicts non-train rows with the model fitted on all train rows', async () => {
    const result = await run(data.rating);
    const direct = predictMfRows(result.model, { user: data.user, item: data.item, rows: otherRows });
    expect(Array.from(result.predictions)).toEqual(Array.from(direct));
  });

  it('gives train rows listed in predictRows their out-of-fold value', async () => {
    const mixed = Uint32Array.from([trainRows[3]!, otherRows[0]!, trainRows[100]!]);
    const result = await run(data.rating, mixed);
    expect(result.predictions[0]).toBe(result.trainPredictions[3]);
    expect(result.predictions[2]).toBe(result.trainPredictions[100]);
    const direct = predictMfRows(result.model, { user: data.user, item: data.item, rows: mixed });
    expect(result.predictions[1]).toBe(direct[1]);
    // The in-sample prediction of the full model is not what a train row gets.
    expect(result.predictions[0]).not.toBe(direct[0]);
  });
});
