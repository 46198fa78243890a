import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import { resolveServingOptions } from '../options';
import { buildFixture, type Fixture, fixtureDataset } from '../test-fixtures';
import { knownUserView } from '../user-view';
import { evaluateRanking, type RankingEvaluation } from './evaluate-ranking';
import { rankingHoldout } from './holdout';
import { rankingMarkdown } from './report';

let fixture: Fixture;
let holdout: Uint32Array;
let evaluation: RankingEvaluation;

beforeAll(async () => {
  const split = rankingHoldout(fixtureDataset().ratings, { seed: 3 });
  holdout = split.holdout;
  fixture = await buildFixture({ trainRows: split.train });
  evaluation = evaluateRanking({
    parts: fixture.parts,
    ratings: fixture.dataset.ratings,
    holdoutRows: holdout,
  });
});

const result = (e: RankingEvaluation, strategy: string) => e.results.find((r) => r.strategy === strategy)!;

describe('rankingHoldout', () => {
  it("holds out each user's latest ratings, about 20% of them", () => {
    const { ratings } = fixture.dataset;
    const held = new Set(holdout);
    for (let u = 0; u + 1 < ratings.userOffsets.length; u++) {
      const from = ratings.userOffsets[u]!;
      const to = ratings.userOffsets[u + 1]!;
      let latestTrain = 0;
      let earliestHeld = Number.POSITIVE_INFINITY;
      let count = 0;
      for (let r = from; r < to; r++) {
        if (held.has(r)) {
          count++;
          earliestHeld = Math.min(earliestHeld, ratings.timestamp[r]!);
        } else latestTrain = Math.max(latestTrain, ratings.timestamp[r]!);
      }
      expect(Math.abs(count - 0.2 * (to - from))).toBeLessThanOrEqual(1);
      if (count > 0) expect(earliestHeld).toBeGreaterThanOrEqual(latestTrain);
    }
  });
});

describe('evaluateRanking', () => {
  it('reports every strategy with metrics in [0, 1]', () => {
    expect(evaluation.results.map((r) => r.strategy)).toEqual([
      'popularity',
      'mf',
      'als',
      'classifier',
      'classifier-exhaustive',
      'hybrid',
      'hybrid-exhaustive',
    ]);
    for (const r of evaluation.results) {
      for (const value of [r.ndcg, r.recall, r.map, r.coverage!]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(r.evaluatedUsers).toBe(evaluation.users);
    }
  });

  it("popularity's NDCG@10 matches a hand computation", () => {
    const { ratings, movies } = fixture.dataset;
    const train = fixture.parts.ratings;
    const counts = new Map<number, number>();
    const mean = new Map<number, number>();
    for (let r = 0; r < train.movie.length; r++) {
      const m = train.movie[r]!;
      counts.set(m, (counts.get(m) ?? 0) + 1);
      mean.set(m, (mean.get(m) ?? 0) + train.rating[r]!);
    }
    const ranked = [...counts.keys()]
      .filter((m) => counts.get(m)! >= 5)
      .sort(
        (a, b) =>
          counts.get(b)! - counts.get(a)! ||
          mean.get(b)! / counts.get(b)! - mean.get(a)! / counts.get(a)! ||
          a - b,
      );
    const held = new Set(holdout);
    let sum = 0;
    let users = 0;
    for (let u = 0; u + 1 < ratings.userOffsets.length; u++) {
      const rated = new Set<number>();
      const liked = new Set<number>();
      for (let r = ratings.userOffsets[u]!; r < ratings.userOffsets[u + 1]!; r++) {
        if (!held.has(r)) rated.add(ratings.movie[r]!);
        else if (ratings.rating[r]! >= 3.5) liked.add(ratings.movie[r]!);
      }
      if (liked.size === 0) continue;
      users++;
      const list = ranked.filter((m) => !rated.has(m)).slice(0, 10);
      let dcg = 0;
      list.forEach((m, i) => {
        if (liked.has(m)) dcg += 1 / Math.log2(i + 2);
      });
      let idcg = 0;
      for (let i = 0; i < Math.min(10, liked.size); i++) idcg += 1 / Math.log2(i + 2);
      sum += dcg / idcg;
    }
    expect(evaluation.users).toBe(users);
    expect(result(evaluation, 'popularity').ndcg).toBeCloseTo(sum / users, 10);
    expect(movies.movies.length).toBeGreaterThan(0);
  });

  it('CF beats popularity on data where taste is all that matters', () => {
    const popularity = result(evaluation, 'popularity').ndcg;
    expect(result(evaluation, 'als').ndcg).toBeGreaterThan(popularity);
    expect(result(evaluation, 'hybrid').ndcg).toBeGreaterThan(popularity);
    expect(evaluation.best.liftOverPopularity).toBeGreaterThan(0);
  });

  it('two-stage equals exhaustive when retrieval covers the catalogue', () => {
    const wide = evaluateRanking({
      parts: fixture.parts,
      ratings: fixture.dataset.ratings,
      holdoutRows: holdout,
      strategies: ['classifier', 'classifier-exhaustive', 'hybrid', 'hybrid-exhaustive'],
      serving: { retrieveCf: 10_000 },
    });
    expect(result(wide, 'classifier').ndcg).toBe(result(wide, 'classifier-exhaustive').ndcg);
    expect(result(wide, 'hybrid').map).toBe(result(wide, 'hybrid-exhaustive').map);
  });

  it('ranks classifier and hybrid from one shared pass exactly as the served rank() does', () => {
    const engine = createEngine(fixture.parts, resolveServingOptions(fixture.parts, { hybridWeight: 0.3 }));
    const request = (strategy: 'classifier' | 'hybrid', exhaustive: boolean) =>
      ({
        n: 10,
        genreMask: 0,
        minYear: null,
        maxYear: null,
        excludeRated: true,
        strategy,
        exhaustive,
      }) as const;
    let compared = 0;
    for (let user = 0; user < fixture.parts.users.size; user += 7) {
      const view = knownUserView(fixture.parts, user);
      for (const exhaustive of [false, true]) {
        const [byClassifier, byHybrid] = engine.rankVariants(view, request('classifier', exhaustive), [
          { strategy: 'classifier' },
          { strategy: 'hybrid', weight: 0.3 },
        ]);
        expect(byClassifier).toEqual(engine.rank(view, request('classifier', exhaustive)).movies);
        expect(byHybrid).toEqual(engine.rank(view, request('hybrid', exhaustive)).movies);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(4);
  });

  it('samples users with a seed when asked for fewer', () => {
    const small = evaluateRanking({
      parts: fixture.parts,
      ratings: fixture.dataset.ratings,
      holdoutRows: holdout,
      strategies: ['popularity'],
      maxUsers: 10,
      seed: 5,
    });
    expect(small.users).toBe(10);
    expect(small.eligibleUsers).toBe(evaluation.users);
  });

  it('renders a markdown table naming the best strategy', () => {
    const markdown = rankingMarkdown(evaluation);
    expect(markdown).toContain('NDCG@k');
    expect(markdown).toContain(`Best: ${evaluation.best.strategy}`);
  });
});
