import { fileURLToPath } from 'node:url';
import { loadMovieLens } from '@reco/data';
import { describe, expect, it } from 'vitest';
import { FeaturePipeline, fitFeaturePipeline } from './pipeline';
import { stratifiedSplit } from './stratified-split';

/** End to end on the bundled ml-latest-small (100,836 ratings), checked against direct computations. */

const dir = fileURLToPath(new URL('../../../datasets/ml-latest-small', import.meta.url));

describe('ml-latest-small', async () => {
  const dataset = await loadMovieLens(dir);
  const { ratings, movies } = dataset;
  const split = stratifiedSplit(ratings, { seed: 42 });
  const pipeline = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 42, scale: false });
  const column = (name: string) => pipeline.featureNames.indexOf(name);

  it('splits 70/15/15 with every validation and test user in train', () => {
    const n = ratings.length;
    expect(split.train.length + split.validation.length + split.test.length).toBe(n);
    expect(Math.abs(split.test.length - 0.15 * n)).toBeLessThan(0.01 * n);
    const inTrain = new Uint8Array(dataset.users.size);
    for (const r of split.train) inTrain[ratings.user[r]!] = 1;
    for (const part of [split.validation, split.test])
      for (const r of part) expect(inTrain[ratings.user[r]!]).toBe(1);
  });

  it('transforms every row without NaN, in chunks', () => {
    const all = Uint32Array.from({ length: ratings.length }, (_, i) => i);
    let rows = 0;
    for (const chunk of pipeline.transformRowsInChunks(all, { chunkRows: 20_000 })) {
      expect(chunk.data.some(Number.isNaN)).toBe(false);
      rows += chunk.nRows;
    }
    expect(rows).toBe(ratings.length);
  });

  it('matches user means and movie counts computed directly from the training rows', () => {
    const sum = new Float64Array(dataset.users.size);
    const count = new Float64Array(dataset.users.size);
    const movieCount = new Float64Array(movies.movies.length);
    for (const r of split.train) {
      sum[ratings.user[r]!]! += ratings.rating[r]!;
      count[ratings.user[r]!]!++;
      movieCount[ratings.movie[r]!]!++;
    }
    const rows = split.test.subarray(0, 500);
    const m = pipeline.transformRows(rows, { part: 'eval' });
    rows.forEach((r, i) => {
      const u = ratings.user[r]!;
      expect(m.data[i * m.nCols + column('user_mean')]).toBeCloseTo(sum[u]! / count[u]!, 5);
      expect(m.data[i * m.nCols + column('user_count')]).toBe(count[u]);
      expect(m.data[i * m.nCols + column('movie_count')]).toBe(movieCount[ratings.movie[r]!]);
    });
  });

  it('has the rare genre columns, set for the movies that carry them', () => {
    const imax = movies.movies.findIndex((movie) => movie.genres.includes('IMAX'));
    const none = movies.movies.findIndex((movie) => movie.genres.length === 0);
    expect(imax).toBeGreaterThanOrEqual(0);
    expect(none).toBeGreaterThanOrEqual(0);
    const m = pipeline.transformPairs({ user: Uint32Array.of(0, 0), movie: Uint32Array.of(imax, none) });
    expect(m.data[column('genre_IMAX')]).toBe(1);
    expect(m.data[m.nCols + column('genre_no_genres_listed')]).toBe(1);
    expect(m.data[m.nCols + column('genre_IMAX')]).toBe(0);
  });

  it('embeds Toy Story closer to Toy Story 2 than to Heat', () => {
    const { vectors, dims } = pipeline.contentEmbeddings;
    const cosine = (a: number, b: number) => {
      let ab = 0;
      let aa = 0;
      let bb = 0;
      for (let d = 0; d < dims; d++) {
        const x = vectors[a * dims + d]!;
        const y = vectors[b * dims + d]!;
        ab += x * y;
        aa += x * x;
        bb += y * y;
      }
      return ab / Math.sqrt(aa * bb);
    };
    const [toyStory, toyStory2, heat] = [1, 3114, 6].map((id) => pipeline.movieIndex(id));
    expect(cosine(toyStory!, toyStory2!)).toBeGreaterThan(cosine(toyStory!, heat!) + 0.3);
  });

  it('serves the same features after a JSON round trip', () => {
    const restored = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    const rows = split.validation;
    const pairs = {
      user: rows.map((r) => ratings.user[r]!),
      movie: rows.map((r) => ratings.movie[r]!),
      timestamp: rows.map((r) => ratings.timestamp[r]!),
    };
    const expected = pipeline.transformRows(rows).data;
    const actual = restored.transformPairs(pairs).data;
    expect(Buffer.from(actual.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    expect(restored.userIndex(1)).toBe(0);
  });
});
