import { alsItemScores } from '@reco/cf-svd';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServingError } from './errors';
import type { RecommenderParts } from './parts';
import { createRecommender } from './recommender';
import { buildFixture, type Fixture, UNRATED_MOVIE_ID } from './test-fixtures';
import type { Recommender } from './types';

let fixture: Fixture;
let parts: RecommenderParts;
let recommender: Recommender;

beforeAll(async () => {
  fixture = await buildFixture();
  parts = fixture.parts;
  recommender = createRecommender(parts);
});

/** Movie ids a training user rated, straight from the dataset (independent of serving). */
function ratedIds(userId: number): Set<number> {
  const { ratings, users, movies } = fixture.dataset;
  const u = users.indexOf(userId);
  const out = new Set<number>();
  for (let r = ratings.userOffsets[u]!; r < ratings.userOffsets[u + 1]!; r++) {
    out.add(movies.movies[ratings.movie[r]!]!.movieId);
  }
  return out;
}

/** Training rating counts per movieId, counted from the dataset. */
function ratingCounts(): Map<number, number> {
  const { ratings, movies } = fixture.dataset;
  const counts = new Map<number, number>();
  for (let r = 0; r < ratings.length; r++) {
    const id = movies.movies[ratings.movie[r]!]!.movieId;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** MF score μ + b_u + b_i + p_u·q_i computed here, for an independent ranking. */
function mfScore(userId: number, movieId: number): number {
  const { mf, users, catalog } = parts;
  const u = users.indexOf(userId);
  const i = catalog.ids.indexOf(movieId);
  let dot = 0;
  for (let k = 0; k < mf.factors; k++)
    dot += mf.userFactors[u * mf.factors + k]! * mf.itemFactors[i * mf.factors + k]!;
  return mf.globalMean + mf.userBias[u]! + mf.itemBias[i]! + dot;
}

const ids = (items: readonly { movieId: number }[]) => items.map((item) => item.movieId);

describe('recommend', () => {
  it('never returns a movie the user rated, under every strategy', () => {
    for (const userId of [1, 2, 3, 4, 17, 60]) {
      const rated = ratedIds(userId);
      for (const strategy of ['classifier', 'cf', 'hybrid'] as const) {
        for (const exhaustive of [false, true]) {
          const { items, fallback } = recommender.recommend(userId, { n: 15, strategy, exhaustive });
          expect(fallback).toBe(false);
          expect(items).toHaveLength(15);
          for (const item of items) expect(rated.has(item.movieId)).toBe(false);
        }
      }
    }
  });

  it('returns scores in descending order with a reason for every item', () => {
    for (const strategy of ['classifier', 'cf', 'hybrid'] as const) {
      const { items } = recommender.recommend(5, { n: 10, strategy });
      for (let j = 1; j < items.length; j++) expect(items[j]!.score).toBeLessThanOrEqual(items[j - 1]!.score);
      for (const item of items) expect(item.reason.length).toBeGreaterThan(5);
    }
  });

  it("'cf' with excludeRated: false is the top of μ + b_u + b_i + p·q over movies with enough ratings", () => {
    const mfOnly = createRecommender(parts, { cfModel: 'mf' });
    const counts = ratingCounts();
    const expected = [...counts.entries()]
      .filter(([, count]) => count >= 5)
      .map(([movieId]) => ({ movieId, score: mfScore(9, movieId) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    const { items } = mfOnly.recommend(9, { n: 10, strategy: 'cf', excludeRated: false });
    expect(ids(items)).toEqual(ids(expected));
    items.forEach((item, j) => {
      expect(item.score).toBeCloseTo(expected[j]!.score, 4);
    });
    // With rated movies allowed, this user's favourites come back (they rated most of their cluster).
    expect(items.some((item) => ratedIds(9).has(item.movieId))).toBe(true);
  });

  it("'cf' with ALS ranks by x_u·y_i as @reco/cf-svd's alsItemScores computes it", () => {
    const u = parts.users.indexOf(14);
    const scores = alsItemScores(parts.als!, u);
    const counts = ratingCounts();
    const rated = ratedIds(14);
    const expected = [...counts.entries()]
      .filter(([id, c]) => c >= 5 && !rated.has(id))
      .map(([id]) => ({ id, score: scores[parts.catalog.ids.indexOf(id)]! }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 8);
    const { items } = recommender.recommend(14, { n: 8, strategy: 'cf' });
    expect(ids(items)).toEqual(expected.map((e) => e.id));
    items.forEach((item, j) => {
      expect(item.score).toBeCloseTo(expected[j]!.score, 5);
    });
  });

  it("'classifier' scores are the classifier's like probabilities, and exhaustive finds the best of all", () => {
    const { items } = recommender.recommend(6, { n: 5, exhaustive: true });
    const counts = ratingCounts();
    const rated = ratedIds(6);
    const pool = [...counts.entries()].filter(([id, c]) => c >= 5 && !rated.has(id)).map(([id]) => id);
    const { predictions } = recommender.predict(6, pool);
    const best = [...predictions].sort((a, b) => b.probability - a.probability).slice(0, 5);
    expect(ids(items)).toEqual(best.map((p) => p.movieId));
    items.forEach((item, j) => {
      expect(item.score).toBeCloseTo(best[j]!.probability, 6);
    });
  });

  it('two-stage and exhaustive agree when the candidate pool covers the catalogue', () => {
    const wide = createRecommender(parts, { retrieveCf: 10_000 });
    for (const userId of [2, 7, 33]) {
      for (const strategy of ['classifier', 'hybrid'] as const) {
        const twoStage = wide.recommend(userId, { n: 10, strategy });
        const exhaustive = wide.recommend(userId, { n: 10, strategy, exhaustive: true });
        expect(ids(twoStage.items)).toEqual(ids(exhaustive.items));
      }
    }
  });

  it('keeps only the requested genres and years', () => {
    const { items } = recommender.recommend(1, { n: 10, genres: ['horror'], minYear: 1970, maxYear: 2000 });
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.genres).toContain('Horror');
      expect(item.year).not.toBeNull();
      expect(item.year!).toBeGreaterThanOrEqual(1970);
      expect(item.year!).toBeLessThanOrEqual(2000);
    }
  });

  it('rejects an unknown genre, a bad n and an inverted year range', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ServingError ? error.code : 'other';
      }
      return 'none';
    };
    expect(code(() => recommender.recommend(1, { genres: ['Space Opera'] }))).toBe('unknown-genre');
    expect(code(() => recommender.recommend(1, { n: 0 }))).toBe('invalid-input');
    expect(code(() => recommender.recommend(1, { minYear: 2000, maxYear: 1990 }))).toBe('invalid-input');
  });

  it('a user who loves Sci-Fi gets Sci-Fi, explained by what they liked or rate highly', () => {
    // User 4 loves genre 4 % 4 = 0, Sci-Fi.
    const { items } = recommender.recommend(4, { n: 5, strategy: 'hybrid' });
    expect(items.filter((item) => item.genres.includes('Sci-Fi')).length).toBeGreaterThanOrEqual(4);
    expect(items.some((item) => /which you liked|you rate Sci-Fi/.test(item.reason))).toBe(true);
  });

  it('throws unknown-user for an id outside the training users', () => {
    expect(() => recommender.recommend(999)).toThrowError(expect.objectContaining({ code: 'unknown-user' }));
    expect(() => recommender.predict(999, [100])).toThrowError(
      expect.objectContaining({ code: 'unknown-user' }),
    );
  });
});

describe('recommendForRatings', () => {
  it("folding in a training user's own ratings gives nearly their list", () => {
    for (const cfModel of ['mf', 'als'] as const) {
      const r = createRecommender(parts, { cfModel });
      for (const userId of [3, 8, 21]) {
        const { ratings, users } = fixture.dataset;
        const u = users.indexOf(userId);
        const own = [];
        for (let row = ratings.userOffsets[u]!; row < ratings.userOffsets[u + 1]!; row++) {
          own.push({
            movieId: parts.catalog.movies[ratings.movie[row]!]!.movieId,
            rating: ratings.rating[row]!,
          });
        }
        for (const strategy of ['cf', 'classifier'] as const) {
          const known = ids(r.recommend(userId, { n: 10, strategy }).items);
          const folded = r.recommendForRatings(own, { n: 10, strategy });
          expect(folded.fallback).toBe(false);
          const overlap = ids(folded.items).filter((id) => known.includes(id)).length;
          expect(overlap).toBeGreaterThanOrEqual(7);
        }
      }
    }
  });

  it('excludes the movies given and follows the taste they show', () => {
    const ratings = [100, 101, 102, 103].map((movieId) => ({ movieId, rating: 5 }));
    const { items } = recommender.recommendForRatings(ratings, { n: 8, strategy: 'cf' });
    for (const item of items) expect([100, 101, 102, 103]).not.toContain(item.movieId);
    expect(items.filter((item) => item.genres.includes('Sci-Fi')).length).toBeGreaterThanOrEqual(6);
  });

  it('someone who liked nothing still gets a CF ranking (MF fold-in, not a tie everywhere)', () => {
    const disliked = [100, 101, 200, 201].map((movieId) => ({ movieId, rating: 1 }));
    const { items } = recommender.recommendForRatings(disliked, { n: 10, strategy: 'cf' });
    expect(new Set(items.map((item) => item.score)).size).toBeGreaterThan(1);
    // The scores are MF predictions then: on the rating scale, not ALS preferences near 0.
    for (const item of items) expect(item.score).toBeGreaterThan(1);
  });

  it('with no ratings, returns the most-rated movies, marked as a fallback', () => {
    const result = recommender.recommendForRatings([], { n: 5 });
    expect(result.fallback).toBe(true);
    expect(result.strategy).toBe('popular');
    const expected = [...ratingCounts().entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    expect(result.items.map((item) => item.score)).toEqual(expected.map(([, count]) => count));
    for (const item of result.items) expect(item.reason).toMatch(/^popular: /);
  });

  it('rejects unknown movies, repeated movies and out-of-scale ratings', () => {
    expect(() => recommender.recommendForRatings([{ movieId: 77_777, rating: 4 }])).toThrowError(
      expect.objectContaining({ code: 'unknown-movie' }),
    );
    expect(() =>
      recommender.recommendForRatings([
        { movieId: 100, rating: 4 },
        { movieId: 100, rating: 3 },
      ]),
    ).toThrowError(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => recommender.recommendForRatings([{ movieId: 100, rating: 7 }])).toThrowError(
      expect.objectContaining({ code: 'invalid-input' }),
    );
  });
});

describe('similar', () => {
  it('works for a movie nobody rated, through content, whatever `by` asks', () => {
    for (const by of ['content', 'cf', 'blend'] as const) {
      const items = recommender.similar(UNRATED_MOVIE_ID, { n: 5, by });
      expect(items).toHaveLength(5);
      for (const item of items) expect(item.genres.some((g) => g === 'Sci-Fi' || g === 'Horror')).toBe(true);
      if (by !== 'content')
        for (const item of items) expect(item.reason).toMatch(/has too few ratings for CF/);
    }
  });

  it.each(['als', 'mf'] as const)("'cf' ranks by the cosine of %s item factors, computed here", (cfModel) => {
    const { catalog } = parts;
    const model = cfModel === 'als' ? parts.als! : parts.mf;
    const f = model.factors;
    const counts = ratingCounts();
    const vector = (id: number) =>
      model.itemFactors.subarray(catalog.ids.indexOf(id) * f, (catalog.ids.indexOf(id) + 1) * f);
    const cos = (a: Float32Array, b: Float32Array) => {
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (let k = 0; k < f; k++) {
        dot += a[k]! * b[k]!;
        na += a[k]! * a[k]!;
        nb += b[k]! * b[k]!;
      }
      return dot / Math.sqrt(na * nb);
    };
    const query = vector(203);
    const cosines = new Map(
      [...counts.entries()]
        .filter(([id, c]) => id !== 203 && c >= 5)
        .map(([id]) => [id, cos(query, vector(id))] as const)
        .filter(([, score]) => !Number.isNaN(score)),
    );
    const best = [...cosines.values()].sort((a, b) => b - a);
    const items = createRecommender(parts, { cfModel }).similar(203, { n: 6, by: 'cf' });
    expect(items).toHaveLength(6);
    // Each score is the cosine, and no better movie was left out. (Order within 1e-5 is the
    // popularity tie-break's to decide, so the check allows that much.)
    items.forEach((item, j) => {
      expect(item.score).toBeCloseTo(cosines.get(item.movieId)!, 5);
      expect(item.score).toBeGreaterThanOrEqual(best[j]! - 2e-5);
    });
  });

  it('puts the more-rated movie first among exact ties', () => {
    // "Sci-Fi Story k" movies differ only in their number, so their content vectors tie for a query.
    const items = recommender.similar(UNRATED_MOVIE_ID, { n: 10, by: 'content' });
    const counts = ratingCounts();
    for (let j = 1; j < items.length; j++) {
      if (Math.abs(items[j]!.score - items[j - 1]!.score) < 1e-7) {
        expect(counts.get(items[j - 1]!.movieId) ?? 0).toBeGreaterThanOrEqual(
          counts.get(items[j]!.movieId) ?? 0,
        );
      }
    }
  });

  it('never returns the movie itself and throws unknown-movie for an unknown id', () => {
    for (const by of ['content', 'cf', 'blend'] as const) {
      expect(ids(recommender.similar(1, { n: 20, by }))).not.toContain(1);
    }
    expect(() => recommender.similar(123_456)).toThrowError(
      expect.objectContaining({ code: 'unknown-movie' }),
    );
  });
});

describe('predict, movie and searchMovies', () => {
  it('marks like exactly when the probability reaches the threshold', () => {
    const { predictions, threshold } = recommender.predict(2, [100, 200, 300, 400, 1]);
    expect(threshold).toBe(parts.threshold);
    for (const p of predictions) expect(p.like).toBe(p.probability >= threshold);
    // User 2 loves Drama (cluster 3, ids 3xx) and rates other clusters low.
    const drama = predictions.find((p) => p.movieId === 300)!;
    const scifi = predictions.find((p) => p.movieId === 100)!;
    expect(drama.probability).toBeGreaterThan(scifi.probability);
    expect(() => recommender.predict(2, [31_337])).toThrowError(
      expect.objectContaining({ code: 'unknown-movie' }),
    );
  });

  it('summarises a movie with its training rating count and mean', () => {
    const counts = ratingCounts();
    const movie = recommender.movie(1)!;
    expect(movie.title).toBe('Alien');
    expect(movie.year).toBe(1979);
    expect(movie.ratingCount).toBe(counts.get(1));
    expect(recommender.movie(UNRATED_MOVIE_ID)!.meanRating).toBeNull();
    expect(recommender.movie(424_242)).toBeNull();
  });

  it('finds titles regardless of case, accents, articles and an optional year', () => {
    const first = (q: string) => recommender.searchMovies(q).items[0]?.movieId;
    expect(first('alien 1979')).toBe(1);
    expect(first('Alien 2021')).toBe(3);
    // Both "Alien"s match exactly: the more-rated one comes first.
    const counts = ratingCounts();
    expect(first('ALIEN')).toBe(counts.get(1)! >= counts.get(3)! ? 1 : 3);
    expect(first('Amélie')).toBe(4);
    expect(first('amelie')).toBe(4);
    expect(first('the matrix')).toBe(5);
    expect(first('Matrix, The (1999)')).toBe(5);
    expect(first('fabuleux destin')).toBe(4);
    const alien = recommender.searchMovies('alien');
    expect(
      alien.items
        .slice(0, 2)
        .map((m) => m.movieId)
        .sort(),
    ).toEqual([1, 3]);
    expect(alien.items.map((m) => m.movieId)).toContain(2); // "Aliens" by word prefix, after the exact ones
    // An empty query browses the whole catalogue, most rated first.
    const browse = recommender.searchMovies('', { limit: 1000 });
    expect(browse.total).toBe(parts.catalog.movies.length);
    const browsed = browse.items.map((m) => m.ratingCount);
    expect(browsed).toEqual([...browsed].sort((a, b) => b - a));
    expect(recommender.searchMovies('no such film anywhere').total).toBe(0);
  });

  it('pages and filters search results by genre', () => {
    const all = recommender.searchMovies('story', { limit: 1000 });
    expect(all.total).toBe(81);
    const page = recommender.searchMovies('story', { limit: 10, offset: 75 });
    expect(page.total).toBe(81);
    expect(page.items).toHaveLength(6);
    const horror = recommender.searchMovies('story', { genre: 'Horror', limit: 1000 });
    expect(horror.total).toBe(21);
    for (const movie of horror.items) expect(movie.genres).toContain('Horror');
  });
});

describe('warmUp', () => {
  it('changes no answer: a warmed recommender answers as a fresh one does', () => {
    const fresh = createRecommender(parts);
    const warmed = createRecommender(parts);
    warmed.warmUp();
    const [user, movie] = [parts.users.ids[3]!, parts.catalog.movies[5]!.movieId];
    expect(warmed.recommend(user, { n: 10 })).toEqual(fresh.recommend(user, { n: 10 }));
    expect(warmed.userHistory(user)).toEqual(fresh.userHistory(user));
    expect(warmed.similar(movie, { n: 5 })).toEqual(fresh.similar(movie, { n: 5 }));
    expect(warmed.searchMovies('the')).toEqual(fresh.searchMovies('the'));
  });

  it('also works when detached from its object, as a callback', () => {
    const { warmUp } = createRecommender(parts);
    expect(() => warmUp()).not.toThrow();
  });
});
