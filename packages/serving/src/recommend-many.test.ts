import { buildInteractions, fitRetriever } from '@reco/retrieval';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecommenderParts } from './parts';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture } from './test-fixtures';
import type { Recommender } from './types';

let fixture: Fixture;
let recommender: Recommender;

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
  const als = await fitRetriever('als', { factors: 6, iterations: 3 }, fit);
  const ease = await fitRetriever('ease', { lambda: 10 }, fit);
  const parts: RecommenderParts = { ...fixture.parts, retrievers: [als, ease], defaultStrategy: 'als' };
  recommender = createRecommender(parts);
});

describe('recommendMany', () => {
  // More ids than one prefetch block (64): every user backwards, then forwards (a user twice is fine).
  const ids = () => {
    const all = Array.from(fixture.dataset.users.ids);
    return [...all.slice().reverse(), ...all];
  };

  for (const strategy of ['als', 'ease', 'classifier'] as const) {
    it(`gives every user exactly recommend's list (${strategy})`, () => {
      const userIds = ids();
      expect(userIds.length).toBeGreaterThan(64);
      const many = [...recommender.recommendMany(userIds, { n: 7, strategy })];
      expect(many.map((r) => r.userId)).toEqual(userIds);
      for (const { userId, recommendations } of many)
        expect(recommendations).toEqual(recommender.recommend(userId, { n: 7, strategy }));
    });
  }

  it("gives recommend's lists on a long run too, whose next blocks are scored on a worker (als)", () => {
    const once = ids();
    const userIds = Array.from({ length: Math.ceil(4100 / once.length) }, () => once).flat();
    expect(userIds.length).toBeGreaterThanOrEqual(4096);
    const want = new Map(once.map((id) => [id, recommender.recommend(id, { n: 7, strategy: 'als' })]));
    let seen = 0;
    for (const { userId, recommendations } of recommender.recommendMany(userIds, { n: 7, strategy: 'als' })) {
      expect(userId).toBe(userIds[seen++]);
      expect(recommendations).toEqual(want.get(userId));
    }
    expect(seen).toBe(userIds.length);
  }, 60_000);

  it('applies filters as recommend does, and leaves single requests unaffected after a batch', () => {
    const userIds = ids().slice(0, 70);
    const options = { n: 5, genres: ['Drama'] };
    const many = [...recommender.recommendMany(userIds, options)];
    for (const { userId, recommendations } of many) {
      for (const item of recommendations.items) expect(item.genres).toContain('Drama');
      expect(recommendations).toEqual(recommender.recommend(userId, options));
    }
  });

  it('throws the unknown-user error for an id the model does not know', () => {
    expect(() => [...recommender.recommendMany([fixture.dataset.users.ids[0]!, 99_999_999])]).toThrow(
      expect.objectContaining({ code: 'unknown-user' }),
    );
  });
});
