import { describe, expect, it } from 'vitest';
import { FeatureError } from './errors';
import { FeaturePipeline, fitFeaturePipeline } from './pipeline';
import { stratifiedSplit } from './stratified-split';
import { makeCatalog, makeStore, makeTags, randomDataset } from './test-fixtures';

const { ratings, movies } = randomDataset({ nUsers: 40, nMovies: 50, ratingsPerUser: [5, 30], seed: 5 });
const users = {
  size: 40,
  ids: Int32Array.from({ length: 40 }, (_, u) => 100 + u),
  indexOf: (id: number) => id - 100,
};
const tags = makeTags([
  [0, 'space'],
  [1, 'space'],
  [2, 'dark comedy'],
  [3, 'Dark Comedy'],
  [4, 'space'],
]);
const dataset = { ratings, movies, tags, users };
const split = stratifiedSplit(ratings, { seed: 2 });
const evalRows = Uint32Array.from([...split.validation, ...split.test]).sort();
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('FeaturePipeline', async () => {
  const pipeline = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 3, contentDims: 6 });

  it('is deterministic: same seed, same bytes; another seed, other folds', async () => {
    const again = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 3, contentDims: 6 });
    const all = Uint32Array.from({ length: ratings.length }, (_, i) => i);
    expect(bytes(again.transformRows(all).data)).toEqual(bytes(pipeline.transformRows(all).data));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(pipeline.toJSON()));
    const other = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 4, contentDims: 6 });
    expect(Array.from(other.folds!)).not.toEqual(Array.from(pipeline.folds!));
  });

  it('assigns balanced folds', () => {
    const sizes = new Array(5).fill(0);
    for (const f of pipeline.folds!) sizes[f]++;
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('streams the same rows in chunks, reusing one buffer', () => {
    const whole = pipeline.transformRows(split.train);
    const seen: Float32Array[] = [];
    const parts: Buffer[] = [];
    let next = 0;
    for (const chunk of pipeline.transformRowsInChunks(split.train, { chunkRows: 97, part: 'train' })) {
      expect(chunk.start).toBe(next);
      expect(chunk.nRows).toBe(Math.min(97, split.train.length - next));
      next += chunk.nRows;
      parts.push(Buffer.from(bytes(chunk.data)));
      seen.push(chunk.data);
    }
    expect(next).toBe(split.train.length);
    expect(Buffer.concat(parts)).toEqual(bytes(whole.data));
    expect(seen.every((d) => d.buffer === seen[0]!.buffer)).toBe(true);
  });

  it('standardizes numeric columns on the training rows and leaves flags and one-hots alone', () => {
    const train = pipeline.transformRows(split.train);
    const n = train.nRows;
    train.names.forEach((name, j) => {
      let sum = 0;
      let squares = 0;
      const values = new Set<number>();
      for (let i = 0; i < n; i++) {
        const x = train.data[i * train.nCols + j]!;
        sum += x;
        squares += x * x;
        values.add(x);
      }
      const mean = sum / n;
      const std = Math.sqrt(squares / n - mean * mean);
      if (/_cold$|_missing$|^genre_|^movie_trending$/.test(name)) {
        for (const v of values) expect([0, 1], name).toContain(v);
      } else if (values.size > 1) {
        expect(mean, name).toBeCloseTo(0, 4);
        expect(std, name).toBeCloseTo(1, 3);
      }
    });
  });

  it('routes store rows by membership and rejects the wrong part', () => {
    const mixed = Uint32Array.of(split.train[0]!, split.test[0]!);
    const auto = pipeline.transformRows(mixed);
    const asTrain = pipeline.transformRows(mixed.subarray(0, 1), { part: 'train' });
    const asEval = pipeline.transformRows(mixed.subarray(1, 2), { part: 'eval' });
    expect(bytes(auto.data)).toEqual(Buffer.concat([bytes(asTrain.data), bytes(asEval.data)]));
    expect(() => pipeline.transformRows(mixed, { part: 'train' })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() => pipeline.transformRows(mixed, { part: 'eval' })).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
    expect(() => pipeline.transformRows(Uint32Array.of(ratings.length))).toThrow(
      expect.objectContaining({ code: 'bad-input' }),
    );
  });

  it('transforms evaluation rows and the same (user, movie, time) pairs identically', () => {
    const rows = pipeline.transformRows(evalRows);
    const pairs = pipeline.transformPairs({
      user: evalRows.map((r) => ratings.user[r]!),
      movie: evalRows.map((r) => ratings.movie[r]!),
      timestamp: evalRows.map((r) => ratings.timestamp[r]!),
    });
    expect(bytes(pairs.data)).toEqual(bytes(rows.data));
  });

  it('reproduces every transform byte for byte after a JSON round trip', () => {
    const text = JSON.stringify(pipeline.toJSON());
    const restored = FeaturePipeline.fromJSON(JSON.parse(text));
    expect(restored.featureNames).toEqual(pipeline.featureNames);
    expect(JSON.stringify(restored.toJSON())).toBe(text);
    const request = {
      user: Uint32Array.from({ length: 200 }, (_, i) => i % 40),
      movie: Uint32Array.from({ length: 200 }, (_, i) => (i * 7) % 50),
      at: 1_200_000_000,
    };
    expect(bytes(restored.transformPairs(request).data)).toEqual(
      bytes(pipeline.transformPairs(request).data),
    );
    const newUser = [
      { movieId: 10, rating: 4.5, timestamp: 1_100_000_000 },
      { movieId: 20, rating: 2 },
    ];
    expect(bytes(restored.transformForNewUser(newUser, [30, 40, 10]).data)).toEqual(
      bytes(pipeline.transformForNewUser(newUser, [30, 40, 10]).data),
    );
    expect(bytes(restored.contentEmbeddings.vectors)).toEqual(bytes(pipeline.contentEmbeddings.vectors));
    expect(restored.userIndex(105)).toBe(5);
    expect(restored.movieIndex(30)).toBe(2);
    expect(() => restored.transformRows(evalRows)).toThrow(expect.objectContaining({ code: 'bad-input' }));
  });

  it('folds in a new user exactly as if their ratings were a training user’s', () => {
    // User 7's training ratings, handed over as a new user's: same user statistics, same rows.
    const u = 7;
    const own = Array.from(split.train).filter((r) => ratings.user[r] === u);
    const asNewUser = own.map((r) => ({
      movieId: movies.movies[ratings.movie[r]!]!.movieId,
      rating: ratings.rating[r]!,
      timestamp: ratings.timestamp[r]!,
    }));
    const candidates = [10, 50, 120, 490];
    const folded = pipeline.transformForNewUser(asNewUser, candidates, { at: 1_150_000_000 });
    const known = pipeline.transformPairs({
      user: new Uint32Array(candidates.length).fill(u),
      movie: Uint32Array.from(candidates, (id) => pipeline.movieIndex(id)),
      at: 1_150_000_000,
    });
    expect(bytes(folded.data)).toEqual(bytes(known.data));
  });

  it('gives a new user with no ratings the cold-user values', () => {
    const folded = pipeline.transformForNewUser([], [10]);
    expect(folded.data[folded.names.indexOf('user_cold')]).toBe(1);
    expect(folded.data.some(Number.isNaN)).toBe(false);
  });

  it('exposes the content embeddings with their movie ids', () => {
    const { dims, movieIds, vectors } = pipeline.contentEmbeddings;
    expect(dims).toBe(6);
    expect(Array.from(movieIds)).toEqual(movies.movies.map((m) => m.movieId));
    expect(vectors.length).toBe(movies.movies.length * dims);
  });

  it('reports its fit', () => {
    expect(pipeline.report?.trainRows).toBe(split.train.length);
    expect(pipeline.report?.statisticRows).toBe(split.train.length);
    expect(pipeline.report?.folds).toBe(5);
  });
});

describe('bad input', async () => {
  const pipeline = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 3, contentDims: 4 });

  it('rejects an empty, unsorted or out-of-range training set', async () => {
    await expect(fitFeaturePipeline({ dataset, trainRows: new Uint32Array(0), seed: 1 })).rejects.toThrow(
      /training set is empty/,
    );
    await expect(
      fitFeaturePipeline({ dataset, trainRows: Uint32Array.of(3, 1, 2, 5, 6, 7), seed: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'bad-input' }));
    await expect(
      fitFeaturePipeline({ dataset, trainRows: Uint32Array.of(1, 2, 3, 4, ratings.length), seed: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'bad-input' }));
    await expect(fitFeaturePipeline({ dataset, trainRows: Uint32Array.of(1, 2), seed: 1 })).rejects.toThrow(
      /cannot fill 5 folds/,
    );
  });

  it('rejects out-of-range options', async () => {
    const fit = (extra: object) => fitFeaturePipeline({ dataset, trainRows: split.train, seed: 1, ...extra });
    await expect(fit({ likeThreshold: 5.5 })).rejects.toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    await expect(fit({ likeThreshold: 0 })).rejects.toThrow(FeatureError);
    await expect(fit({ folds: 1 })).rejects.toThrow(expect.objectContaining({ code: 'bad-option' }));
    await expect(fit({ missing: 'zero' })).rejects.toThrow(expect.objectContaining({ code: 'bad-option' }));
    await expect(fit({ families: { users: true } })).rejects.toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
    await expect(fit({ foldAssignment: new Uint8Array(3) })).rejects.toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    );
  });

  it('rejects ratings that point outside the catalog', async () => {
    const store = makeStore([
      { user: 0, movie: 0, rating: 4, timestamp: 0 },
      { user: 0, movie: 3, rating: 4, timestamp: 0 },
    ]);
    const catalog = makeCatalog([{ movieId: 1, title: 'Only', year: 2000, genres: [] }]);
    await expect(
      fitFeaturePipeline({
        dataset: { ratings: store, movies: catalog },
        trainRows: Uint32Array.of(0, 1),
        seed: 1,
        folds: 2,
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'bad-input' }));
  });

  it('rejects unknown movie ids and bad ratings of a new user, and bad serving pairs', () => {
    expect(() => pipeline.transformForNewUser([{ movieId: 10, rating: 4 }], [10, 99_999, 5])).toThrow(
      /unknown movieIds 99999, 5/,
    );
    expect(() => pipeline.transformForNewUser([{ movieId: 77, rating: 4 }], [10])).toThrow(
      /unknown movieId 77/,
    );
    expect(() => pipeline.transformForNewUser([{ movieId: 10, rating: 9 }], [10])).toThrow(
      /between 0.5 and 5/,
    );
    expect(() =>
      pipeline.transformForNewUser(
        [
          { movieId: 10, rating: 4 },
          { movieId: 10, rating: 3 },
        ],
        [20],
      ),
    ).toThrow(expect.objectContaining({ code: 'bad-input' }));
    expect(() => pipeline.transformPairs({ user: Uint32Array.of(40), movie: Uint32Array.of(0) })).toThrow(
      /not a training user/,
    );
    expect(() => pipeline.transformPairs({ user: Uint32Array.of(0), movie: Uint32Array.of(50) })).toThrow(
      /outside the catalog/,
    );
    expect(() => pipeline.transformPairs({ user: Uint32Array.of(0, 1), movie: Uint32Array.of(0) })).toThrow(
      /equal lengths/,
    );
  });

  it('rejects JSON of another format, a newer version, or with truncated arrays', () => {
    const json = pipeline.toJSON();
    expect(() => FeaturePipeline.fromJSON({ ...json, format: 'something-else' })).toThrow(
      /not a feature pipeline/,
    );
    expect(() => FeaturePipeline.fromJSON({ ...json, version: 2 })).toThrow(
      expect.objectContaining({ code: 'bad-pipeline-json' }),
    );
    expect(() => FeaturePipeline.fromJSON({ ...json, userTable: json.userTable.slice(0, 40) })).toThrow(
      /userTable holds .* expected/,
    );
    expect(() => FeaturePipeline.fromJSON({ ...json, featureNames: json.featureNames.slice(1) })).toThrow(
      /featureNames do not match/,
    );
    expect(() => FeaturePipeline.fromJSON(null)).toThrow(FeatureError);
  });
});

describe("the 'cf' family", async () => {
  const { foldInMf, outOfFoldPredictions } = await import('@reco/cf-svd');
  const { deriveSeed } = await import('./folds');
  const mf = { factors: 4, epochs: 5 };
  const pipeline = await fitFeaturePipeline({
    dataset,
    trainRows: split.train,
    seed: 3,
    scale: false,
    families: { user: false, movie: false, interaction: false, content: false, cf: true },
    cf: mf,
  });
  // The same fits, run directly: out-of-fold for training rows, the full model for the others.
  const reference = await outOfFoldPredictions({
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: 40,
    nItems: 50,
    trainRows: split.train,
    predictRows: evalRows,
    folds: 5,
    seed: deriveSeed(3, 0xcf),
    mfOptions: { ...mf, learningRate: 0.007, regularization: 0.06, biasRegularization: 0.02 },
  });

  it('gives training rows their out-of-fold prediction and other rows the full model’s', () => {
    expect(pipeline.featureNames).toEqual(['cf_score']);
    expect(Array.from(pipeline.transformRows(split.train).data)).toEqual(
      Array.from(reference.trainPredictions),
    );
    expect(Array.from(pipeline.transformRows(evalRows).data)).toEqual(Array.from(reference.predictions));
  });

  it('folds a new user into the full model', () => {
    const items = [0, 3, 9];
    const values = [5, 1, 4];
    const folded = foldInMf(reference.model, { items, ratings: values });
    const { globalMean, itemBias, itemFactors, factors, ratingScale } = reference.model;
    const candidates = [1, 2, 7, 30];
    const expected = candidates.map((i) => {
      let score = globalMean + folded.bias + itemBias[i]!;
      for (let k = 0; k < factors; k++) score += folded.factors[k]! * itemFactors[i * factors + k]!;
      return Math.fround(Math.min(ratingScale.max, Math.max(ratingScale.min, score)));
    });
    const rows = pipeline.transformForNewUser(
      items.map((m, k) => ({ movieId: movies.movies[m]!.movieId, rating: values[k]! })),
      candidates.map((m) => movies.movies[m]!.movieId),
    );
    Array.from(rows.data).forEach((value, k) => {
      expect(value).toBeCloseTo(expected[k]!, 5);
    });
  });

  it('serializes the model, so serving scores survive a JSON round trip', () => {
    const restored = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    const request = { user: Uint32Array.of(0, 5, 9), movie: Uint32Array.of(4, 4, 20) };
    expect(bytes(restored.transformPairs(request).data)).toEqual(
      bytes(pipeline.transformPairs(request).data),
    );
  });
});
