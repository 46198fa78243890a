import { createRawRng } from '@reco/core';
import { describe, expect, it } from 'vitest';
import { EvaluationError } from '../errors';
import { rankedLists, relevanceSets } from './csr';
import {
  catalogCoverage,
  hitRateAtK,
  mapAtK,
  mrr,
  ndcgAtK,
  precisionAtK,
  rankingMetricsPerUser,
  rankingReport,
  recallAtK,
} from './metrics';

const log2 = Math.log2;

// User 0: hit at rank 2 of 3 relevant. User 1: list shorter than k, both relevant.
// User 2: nothing relevant (skipped). User 3: no hit.
const lists = [[5, 3, 8, 1], [2, 4], [7], [1, 2, 3]];
const relevant = [[9, 1, 3], [4, 2], [], [6]];

describe('rankingReport by hand', () => {
  const report = rankingReport(lists, relevant, { k: 3, catalogSize: 10 });

  it('skips users without relevant items and says how many', () => {
    expect(report).toMatchObject({ k: 3, users: 4, evaluatedUsers: 3, skippedUsers: 1 });
  });

  it('averages precision@k with k as the denominator, even for a shorter list', () => {
    // User 0: 1/3; user 1: 2 hits / k = 2/3; user 3: 0.
    expect(report.precision).toBeCloseTo((1 / 3 + 2 / 3 + 0) / 3, 12);
  });

  it('averages recall@k, hit rate and MRR', () => {
    // recall: 1/3, 2/2, 0. hit: 1, 1, 0. RR: 1/2, 1/1, 0.
    expect(report.recall).toBeCloseTo((1 / 3 + 1 + 0) / 3, 12);
    expect(report.hitRate).toBeCloseTo(2 / 3, 12);
    expect(report.mrr).toBeCloseTo(0.5, 12);
  });

  it('divides AP by min(k, |relevant|)', () => {
    // User 0: (1/2) / min(3, 3) = 1/6. User 1: (1/1 + 2/2) / min(3, 2) = 1. User 3: 0.
    expect(report.map).toBeCloseTo((1 / 6 + 1 + 0) / 3, 12);
  });

  it('normalises DCG by the ideal DCG over min(k, |relevant|) positions', () => {
    // User 0: DCG 1/log2(3); IDCG 1 + 1/log2(3) + 1/log2(4). User 1: DCG = IDCG -> 1. User 3: 0.
    const user0 = 1 / log2(3) / (1 + 1 / log2(3) + 1 / log2(4));
    expect(report.ndcg).toBeCloseTo((user0 + 1 + 0) / 3, 12);
  });

  it('measures coverage over the top k of every list, skipped users included', () => {
    // Top 3: {5 3 8} {2 4} {7} {1 2 3} -> 7 distinct of 10.
    expect(report.distinctItems).toBe(7);
    expect(report.coverage).toBeCloseTo(0.7, 12);
    expect(rankingReport(lists, relevant, { k: 3 }).coverage).toBeNull();
    expect(rankingReport(lists, relevant, { k: 3 }).distinctItems).toBe(7);
  });

  it('reports the mean popularity of the shown items when given a popularity per item', () => {
    // popularity[i] = i: top 3 shows 5 3 8 | 2 4 | 7 | 1 2 3 -> 35 / 9 items.
    const popularity = Float64Array.from({ length: 10 }, (_, i) => i);
    const withPopularity = rankingReport(lists, relevant, { k: 3, catalogSize: 10, popularity });
    expect(withPopularity.meanPopularity).toBeCloseTo((5 + 3 + 8 + 2 + 4 + 7 + 1 + 2 + 3) / 9, 12);
    expect(report.meanPopularity).toBeNull();
  });

  it('single-metric functions agree with the report', () => {
    const options = { k: 3 };
    expect(precisionAtK(lists, relevant, options)).toBe(report.precision);
    expect(recallAtK(lists, relevant, options)).toBe(report.recall);
    expect(ndcgAtK(lists, relevant, options)).toBe(report.ndcg);
    expect(mapAtK(lists, relevant, options)).toBe(report.map);
    expect(mrr(lists, relevant, options)).toBe(report.mrr);
    expect(hitRateAtK(lists, relevant, options)).toBe(report.hitRate);
    expect(catalogCoverage(lists, { k: 3, catalogSize: 10 })).toBe(report.coverage);
  });

  it('gives per-user values with NaN for skipped users', () => {
    const perUser = rankingMetricsPerUser(lists, relevant, { k: 3 });
    expect(Array.from(perUser.evaluated)).toEqual([1, 1, 0, 1]);
    expect(Array.from(perUser.reciprocalRank)).toEqual([0.5, 1, Number.NaN, 0]);
    expect(Array.from(perUser.hit)).toEqual([1, 1, Number.NaN, 0]);
  });
});

describe('ranking edge cases', () => {
  it('a perfect ranking scores 1 everywhere it can', () => {
    const report = rankingReport([[1, 2, 9]], [[1, 2]], { k: 2 });
    expect(report).toMatchObject({ precision: 1, recall: 1, ndcg: 1, map: 1, mrr: 1, hitRate: 1 });
  });

  it('a reversed ranking (relevant items last) scores by hand', () => {
    const report = rankingReport([[7, 8, 1, 2]], [[1, 2]], { k: 4 });
    // Hits at ranks 3 and 4: AP = (1/3 + 2/4) / 2; RR = 1/3;
    // NDCG = (1/log2(4) + 1/log2(5)) / (1 + 1/log2(3)).
    expect(report.map).toBeCloseTo((1 / 3 + 2 / 4) / 2, 12);
    expect(report.mrr).toBeCloseTo(1 / 3, 12);
    expect(report.ndcg).toBeCloseTo((1 / log2(4) + 1 / log2(5)) / (1 + 1 / log2(3)), 12);
    expect(report.precision).toBeCloseTo(0.5, 12);
  });

  it('k larger than every list: precision still divides by k, recall and NDCG are unaffected', () => {
    const report = rankingReport([[1]], [[1]], { k: 50 });
    expect(report.precision).toBeCloseTo(1 / 50, 12);
    expect(report).toMatchObject({ recall: 1, ndcg: 1, map: 1, mrr: 1 });
  });

  it('only the first k positions count', () => {
    const report = rankingReport([[7, 8, 1]], [[1]], { k: 2 });
    expect(report).toMatchObject({ precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0, hitRate: 0 });
  });

  it('a repeated relevant item counts once, at its first position', () => {
    const report = rankingReport([[3, 3, 3]], [[3]], { k: 3 });
    expect(report.precision).toBeCloseTo(1 / 3, 12);
    expect(report.ndcg).toBe(1);
    expect(report.map).toBe(1);
  });

  it('an empty list earns 0 for a user with relevant items', () => {
    const report = rankingReport([[], [1]], [[4], [1]], { k: 5 });
    expect(report.evaluatedUsers).toBe(2);
    expect(report.hitRate).toBe(0.5);
  });

  it('throws when no user has a relevant item', () => {
    expect(() => rankingReport([[1, 2]], [[]])).toThrow(
      expect.objectContaining({ code: 'undefined-metric' }),
    );
  });

  it('rejects k < 1, mismatched users, unsorted sets and items outside the catalog', () => {
    expect(() => rankingReport(lists, relevant, { k: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
    expect(() => rankingReport(lists, relevant, { k: 2.5 })).toThrow(EvaluationError);
    expect(() => rankingReport(lists, relevant.slice(1))).toThrow(
      expect.objectContaining({ code: 'length-mismatch' }),
    );
    expect(() => rankingReport([], [])).toThrow(expect.objectContaining({ code: 'empty-input' }));
    const unsorted = { offsets: Uint32Array.of(0, 2), items: Uint32Array.of(5, 1) };
    expect(() => rankingReport([[1]], unsorted)).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
    expect(() => catalogCoverage([[1, 12]], { catalogSize: 10 })).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
    const brokenOffsets = { offsets: Uint32Array.of(0, 3), items: Uint32Array.of(1) };
    expect(() => rankingReport(brokenOffsets, [[1]])).toThrow(
      expect.objectContaining({ code: 'invalid-structure' }),
    );
  });
});

describe('graded NDCG', () => {
  // Item 1 has gain 3, item 2 gain 5; the list puts the smaller gain first.
  const relevance = relevanceSets([[2, 1]], { gains: [[5, 3]] });

  it("'graded' uses the gain itself", () => {
    // DCG = 3/log2(2) + 5/log2(3); IDCG = 5/log2(2) + 3/log2(3).
    expect(ndcgAtK([[1, 2]], relevance, { k: 2, gain: 'graded' })).toBeCloseTo(
      (3 + 5 / log2(3)) / (5 + 3 / log2(3)),
      12,
    );
  });

  it("'exponential' uses 2^gain - 1", () => {
    // Gains 7 and 31. DCG = 7 + 31/log2(3); IDCG = 31 + 7/log2(3).
    expect(ndcgAtK([[1, 2]], relevance, { k: 2, gain: 'exponential' })).toBeCloseTo(
      (7 + 31 / log2(3)) / (31 + 7 / log2(3)),
      12,
    );
  });

  it('takes the ideal DCG from the k largest gains only', () => {
    // Gains {1: 1, 2: 5, 3: 4}, list [1], k = 1: DCG 1, IDCG 5.
    const sets = relevanceSets([[1, 2, 3]], { gains: [[1, 5, 4]] });
    expect(ndcgAtK([[1]], sets, { k: 1, gain: 'graded' })).toBeCloseTo(0.2, 12);
  });

  it('binary gain ignores the gains; graded gain without gains is an error', () => {
    expect(ndcgAtK([[1, 2]], relevance, { k: 2 })).toBe(1);
    expect(() => ndcgAtK([[1]], [[1]], { gain: 'graded' })).toThrow(
      expect.objectContaining({ code: 'invalid-option' }),
    );
  });
});

/** Straight from the definitions, with Sets and plain arrays. */
function naiveUserMetrics(list: number[], relevantItems: number[], gains: number[], k: number) {
  const gainOf = new Map(relevantItems.map((item, i) => [item, gains[i]!]));
  const seen = new Set<number>();
  let hits = 0;
  let apSum = 0;
  let rr = 0;
  let dcg = 0;
  list.slice(0, k).forEach((item, i) => {
    if (!gainOf.has(item) || seen.has(item)) return;
    seen.add(item);
    hits++;
    apSum += hits / (i + 1);
    if (rr === 0) rr = 1 / (i + 1);
    dcg += gainOf.get(item)! / log2(i + 2);
  });
  const ideal = [...gains].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, gain, i) => sum + gain / log2(i + 2), 0);
  return {
    precision: hits / k,
    recall: hits / relevantItems.length,
    ndcg: dcg / idcg,
    map: apSum / Math.min(k, relevantItems.length),
    mrr: rr,
    hitRate: hits > 0 ? 1 : 0,
  };
}

describe('ranking metrics against a naive implementation on random seeded input', () => {
  it.each([1, 5, 20])('k = %i', (k) => {
    const random = createRawRng(100 + k);
    const users = 150;
    const catalog = 60;
    const listsInput: number[][] = [];
    const relevantInput: number[][] = [];
    const gainsInput: number[][] = [];
    for (let u = 0; u < users; u++) {
      const length = Math.floor(random.nextFloat() * 25);
      // Lists may repeat items on purpose; relevance sets may not.
      listsInput.push(Array.from({ length }, () => Math.floor(random.nextFloat() * catalog)));
      const set = [
        ...new Set(
          Array.from({ length: Math.floor(random.nextFloat() * 8) }, () =>
            Math.floor(random.nextFloat() * catalog),
          ),
        ),
      ];
      relevantInput.push(set);
      gainsInput.push(set.map(() => 0.5 + Math.floor(random.nextFloat() * 10) / 2));
    }
    const relevance = relevanceSets(relevantInput, { gains: gainsInput });
    const report = rankingReport(rankedLists(listsInput), relevance, {
      k,
      gain: 'graded',
      catalogSize: catalog,
    });

    const sums = { precision: 0, recall: 0, ndcg: 0, map: 0, mrr: 0, hitRate: 0 };
    let evaluated = 0;
    listsInput.forEach((list, u) => {
      if (relevantInput[u]!.length === 0) return;
      evaluated++;
      const metrics = naiveUserMetrics(list, relevantInput[u]!, gainsInput[u]!, k);
      for (const key of Object.keys(sums) as (keyof typeof sums)[]) sums[key] += metrics[key];
    });
    expect(report.evaluatedUsers).toBe(evaluated);
    expect(report.skippedUsers).toBe(users - evaluated);
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) {
      expect(report[key]).toBeCloseTo(sums[key] / evaluated, 12);
    }
    const distinct = new Set(listsInput.flatMap((list) => list.slice(0, k))).size;
    expect(report.coverage).toBeCloseTo(distinct / catalog, 12);
  });
});
