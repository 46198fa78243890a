import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInteractions, fitRetriever, type Retriever, scoreNewUser } from '@reco/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecommender } from './load';
import type { RecommenderParts } from './parts';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture, writeFixtureBundle } from './test-fixtures';

let fixture: Fixture;
let parts: RecommenderParts;
let ease: Retriever;
const dirs: string[] = [];

beforeAll(async () => {
  fixture = await buildFixture();
  const { ratings, users, movies } = fixture.dataset;
  const columns = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: users.size,
    nItems: movies.movies.length,
  };
  const matrix = buildInteractions({ ...columns, rows: fixture.trainRows, likeThreshold: 3.5 });
  const fit = { matrix, ratings: columns, rows: fixture.trainRows, seed: 3 };
  ease = await fitRetriever('ease', { lambda: 10 }, fit);
  const popularity = await fitRetriever('popularity', {}, fit);
  parts = { ...fixture.parts, retrievers: [popularity, ease], defaultStrategy: 'ease' };
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A training user's rated movie indices and ratings, straight from the dataset. */
function history(userId: number): { items: number[]; ratings: number[] } {
  const { ratings, users } = fixture.dataset;
  const u = users.indexOf(userId);
  const items: number[] = [];
  const values: number[] = [];
  for (let r = ratings.userOffsets[u]!; r < ratings.userOffsets[u + 1]!; r++) {
    items.push(ratings.movie[r]!);
    values.push(ratings.rating[r]!);
  }
  return { items, ratings: values };
}

/** EASE's score of every movie for `userId`, computed by the retrieval package alone. */
function easeScores(userId: number): Float32Array {
  const h = history(userId);
  const out = new Float32Array(fixture.dataset.movies.movies.length);
  scoreNewUser(ease, h.items, h.ratings, out);
  return out;
}

describe('retrieval strategies', () => {
  it("serves the bundle's default strategy to a request that names none", () => {
    const recommender = createRecommender(parts);
    expect(recommender.serving.strategy).toBe('ease');
    expect(recommender.serving.strategies).toEqual(['classifier', 'cf', 'hybrid', 'popularity', 'ease']);
    const list = recommender.recommend(1, { n: 5 });
    expect(list.strategy).toBe('ease');
    expect(list.items.length).toBeGreaterThan(0);
  });

  it("ranks by the retriever's own scores, never a rated movie", () => {
    const recommender = createRecommender(parts);
    for (const userId of [1, 2, 3]) {
      const scores = easeScores(userId);
      const rated = new Set(history(userId).items);
      const { items } = recommender.recommend(userId, { n: 8 });
      const index = items.map((i) => fixture.dataset.movies.ids.indexOf(i.movieId));
      for (const m of index) expect(rated.has(m)).toBe(false);
      const mine = index.map((m) => scores[m]!);
      for (let j = 1; j < mine.length; j++) expect(mine[j]!).toBeLessThanOrEqual(mine[j - 1]!);
    }
  });

  it('folds a new user in through the same retriever', () => {
    const recommender = createRecommender(parts);
    const h = history(2);
    const ratings = h.items.map((m, j) => ({
      movieId: fixture.dataset.movies.movies[m]!.movieId,
      rating: h.ratings[j]!,
    }));
    const known = recommender.recommend(2, { n: 6 }).items.map((i) => i.movieId);
    const folded = recommender.recommendForRatings(ratings, { n: 6 }).items.map((i) => i.movieId);
    expect(folded).toEqual(known);
  });

  it('refuses a strategy the parts do not hold, naming the ones they do', () => {
    const recommender = createRecommender(parts);
    expect(() => recommender.recommend(1, { strategy: 'rp3beta' })).toThrow(
      expect.objectContaining({ code: 'invalid-input', field: 'strategy' }),
    );
    expect(() => recommender.recommend(1, { strategy: 'rp3beta' })).toThrow(/popularity, ease/);
    expect(() => createRecommender({ ...fixture.parts, defaultStrategy: 'ease' })).toThrow(
      expect.objectContaining({ code: 'config' }),
    );
  });

  it('stores the retrievers and the default in the bundle and reads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reco-retrievers-'));
    dirs.push(dir);
    await writeFixtureBundle(join(dir, 'bundle'), { ...fixture, parts });
    const loaded = await loadRecommender(join(dir, 'bundle'));
    try {
      expect(loaded.serving.strategy).toBe('ease');
      const direct = createRecommender(parts).recommend(3, { n: 10 });
      expect(loaded.recommend(3, { n: 10 })).toEqual(direct);
    } finally {
      loaded.dispose();
    }
  });
});
