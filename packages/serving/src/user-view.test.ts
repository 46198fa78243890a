import { foldInAls, foldInMf } from '@reco/cf-svd';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecommenderParts } from './parts';
import { buildFixture, type Fixture } from './test-fixtures';
import { newUserView } from './user-view';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await buildFixture();
});

/** The fixture's parts, counting how often the MF and ALS models are read. */
function countingParts(): { parts: RecommenderParts; reads: { mf: number; als: number } } {
  const reads = { mf: 0, als: 0 };
  const base = fixture.parts;
  const parts: RecommenderParts = {
    ...base,
    get mf() {
      reads.mf++;
      return base.mf;
    },
    get als() {
      reads.als++;
      return base.als;
    },
  };
  return { parts, reads };
}

describe('newUserView', () => {
  const ratings = [
    { movieId: 100, rating: 5 },
    { movieId: 101, rating: 4.5 },
    { movieId: 302, rating: 1.5 },
  ];
  const resolve = () => Uint32Array.from(ratings, (r) => fixture.dataset.movies.ids.indexOf(r.movieId));

  it('folds in the MF and ALS vectors only when a strategy reads them, once each', () => {
    const { parts, reads } = countingParts();
    const view = newUserView(parts, ratings, resolve());
    expect(reads).toEqual({ mf: 0, als: 0 });

    const first = view.als;
    expect(view.als).toBe(first);
    expect(view.mf).toBe(view.mf);
    // One read of each model per solve (the ALS getter reads `als` for the null check and the solve).
    expect(reads.mf).toBe(1);
    expect(reads.als).toBeLessThanOrEqual(2);
  });

  it('gives the vectors fold-in computes for the same ratings', () => {
    const movies = resolve();
    const view = newUserView(fixture.parts, ratings, movies);
    const input = { items: movies, ratings: Float32Array.from(ratings, (r) => r.rating) };
    const mf = foldInMf(fixture.parts.mf, input);
    expect(view.mf.bias).toBe(mf.bias);
    expect(Array.from(view.mf.factors)).toEqual(Array.from(mf.factors));
    expect(Array.from(view.als!)).toEqual(Array.from(foldInAls(fixture.parts.als!, input)));
  });

  it('has no ALS vector for someone who liked nothing, so serving falls back to MF', () => {
    const disliked = [{ movieId: 100, rating: 1 }];
    const view = newUserView(
      fixture.parts,
      disliked,
      Uint32Array.of(fixture.dataset.movies.ids.indexOf(100)),
    );
    expect(view.als).toBeNull();
    expect(view.mf.factors.some((x) => x !== 0)).toBe(true);
  });
});
