import { beforeAll, describe, expect, it } from 'vitest';
import { resolveServingOptions } from '../options';
import { buildFixture, type Fixture, fixtureDataset } from '../test-fixtures';
import { evaluateRanking } from './evaluate-ranking';
import { nestedRankingHoldout } from './holdout';
import { sweepHybridWeight } from './hybrid-weight';

let fixture: Fixture;
const dataset = fixtureDataset();
const nested = nestedRankingHoldout(dataset.ratings, { seed: 3 });

beforeAll(async () => {
  // Parts fitted on the inner training rows, as `reco train` fits them for the sweep.
  fixture = await buildFixture({ trainRows: nested.tuning.train });
});

describe('nestedRankingHoldout', () => {
  it('nests a second per-user temporal holdout inside the training rows of the first', () => {
    const { ratings } = dataset;
    const part = new Int8Array(ratings.length).fill(-1);
    const mark = (rows: Uint32Array, code: number) => {
      for (const r of rows) {
        expect(part[r]).toBe(-1);
        part[r] = code;
      }
    };
    mark(nested.tuning.train, 0);
    mark(nested.tuning.holdout, 1);
    mark(nested.holdout, 2);
    expect(part.includes(-1)).toBe(false);
    // Outer train is exactly inner train + inner holdout, sorted.
    expect(Array.from(nested.train)).toEqual(
      [...nested.tuning.train, ...nested.tuning.holdout].sort((a, b) => a - b),
    );
    for (let u = 0; u + 1 < ratings.userOffsets.length; u++) {
      const latest = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
      const earliest = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      const count = [0, 0, 0];
      for (let r = ratings.userOffsets[u]!; r < ratings.userOffsets[u + 1]!; r++) {
        const p = part[r]!;
        const t = ratings.timestamp[r]!;
        count[p]!++;
        earliest[p] = Math.min(earliest[p]!, t);
        if (p < 2) latest[p] = Math.max(latest[p]!, t);
      }
      // Time flows inner train -> inner holdout -> outer holdout, for every user.
      expect(latest[0]!).toBeLessThanOrEqual(earliest[1]!);
      expect(Math.max(latest[0]!, latest[1]!)).toBeLessThanOrEqual(earliest[2]!);
      const total = count[0]! + count[1]! + count[2]!;
      expect(Math.abs(count[2]! - 0.2 * total)).toBeLessThanOrEqual(1);
      expect(Math.abs(count[1]! - 0.16 * total)).toBeLessThanOrEqual(1);
    }
  });
});

describe('sweepHybridWeight', () => {
  const sweepOn = (weights: readonly number[]) =>
    sweepHybridWeight({
      parts: fixture.parts,
      ratings: dataset.ratings,
      holdoutRows: nested.tuning.holdout,
      weights,
    });

  it('gives each weight the NDCG the ranking evaluation gives the hybrid at that weight', () => {
    const sweep = sweepOn([0, 0.5, 1]);
    for (const [i, weight] of sweep.weights.entries()) {
      const evaluation = evaluateRanking({
        parts: fixture.parts,
        ratings: dataset.ratings,
        holdoutRows: nested.tuning.holdout,
        strategies: ['hybrid'],
        serving: { hybridWeight: weight },
      });
      expect(evaluation.hybridWeight).toBe(weight);
      expect(sweep.ndcg[i]).toBeCloseTo(evaluation.results[0]!.ndcg, 12);
      expect(sweep.users).toBe(evaluation.users);
    }
  });

  it('chooses the weight with the best NDCG, the smallest on a tie', () => {
    const sweep = sweepOn([1, 0.6, 0.3, 0.1, 0]);
    const best = Math.max(...sweep.ndcg);
    const tied = sweep.weights.filter((_, i) => sweep.ndcg[i] === best);
    expect(sweep.chosen).toBe(Math.min(...tied));
    // Listing a weight twice cannot change the choice.
    expect(sweepOn([...sweep.weights, sweep.chosen]).chosen).toBe(sweep.chosen);
  });

  it('rejects weights outside [0, 1] and an empty list', () => {
    expect(() => sweepOn([0.5, 1.5])).toThrow(/weights must be a non-empty list of numbers in \[0, 1\]/);
    expect(() => sweepOn([])).toThrow(/non-empty/);
  });
});

describe('the served hybrid weight', () => {
  it("defaults to the parts' chosen weight, then to 0.2; an explicit option wins", () => {
    expect(resolveServingOptions(fixture.parts, {}).hybridWeight).toBe(0.2);
    const chosen = { ...fixture.parts, hybridWeight: 0.6 };
    expect(resolveServingOptions(chosen, {}).hybridWeight).toBe(0.6);
    expect(resolveServingOptions(chosen, { hybridWeight: 0.1 }).hybridWeight).toBe(0.1);
  });
});
