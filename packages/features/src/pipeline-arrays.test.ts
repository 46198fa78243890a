import { describe, expect, it } from 'vitest';
import { decodeFloat32, decodeInt32 } from './codec';
import { FeaturePipeline, fitFeaturePipeline } from './pipeline';
import type { PipelineArray } from './pipeline-arrays';
import { stratifiedSplit } from './stratified-split';
import { randomDataset } from './test-fixtures';
import { utcYear } from './time';

const { ratings, movies } = randomDataset({ nUsers: 30, nMovies: 40, ratingsPerUser: [4, 25], seed: 11 });
const users = {
  size: 30,
  ids: Int32Array.from({ length: 30 }, (_, u) => 7 + u),
  indexOf: (id: number) => id - 7,
};
const dataset = { ratings, movies, users };
const split = stratifiedSplit(ratings, { seed: 1 });

/**
 * A serving row from the arrays and the JSON's scalars alone, written as plainly as a reader in
 * another language would (docs/python/reco_bundle.py does the same): scaled table entries, the
 * movie's age at the reference time, the mean genre preference, the content block, the CF score.
 */
function rebuildRow(arrays: Record<string, PipelineArray>, pipeline: FeaturePipeline, u: number, m: number) {
  const json = pipeline.toJSON();
  const at = (name: string) => arrays[name]!;
  const mean = at('scaler_mean').data;
  const std = at('scaler_std').data;
  const names = pipeline.featureNames;
  const col = (name: string) => names.indexOf(name);
  const out = new Float32Array(names.length);
  const scaled = (name: string, x: number) => {
    const j = col(name);
    if (j >= 0) out[j] = (x - mean[j]!) / std[j]!;
  };
  const userTable = at('user_table');
  const userCols = userTable.columns!;
  const userRow = (c: string) => userTable.data[u * userCols.length + userCols.indexOf(c)]!;
  for (const c of userCols) scaled(c, userRow(c));
  const movieTable = at('movie_table');
  const movieCols = movieTable.columns!;
  const movieRow = (c: string) => movieTable.data[m * movieCols.length + movieCols.indexOf(c)]!;
  for (const c of movieCols) scaled(c, movieRow(c));
  scaled('movie_age_at_rating', utcYear(json.countGlobals.windowEnd) - movieRow('movie_year'));
  const mask = at('movie_genre_masks').data[m]!;
  const prefs = json.genres.flatMap((_, g) =>
    (mask >>> g) & 1 ? [userTable.data[u * userCols.length + 7 + g]!] : [],
  );
  scaled(
    'user_genre_affinity',
    prefs.length === 0 ? userRow('user_mean') : prefs.reduce((a, b) => a + b, 0) / prefs.length,
  );
  const dims = json.content.dims;
  for (let d = 0; d < dims; d++) scaled(`content_${d}`, at('content_vectors').data[m * dims + d]!);
  if (arrays.cf_user_factors !== undefined) {
    const k = at('cf_user_factors').shape[1]!;
    const params = (json.cf!.header as { params: Record<string, number> }).params;
    // @reco/cf-svd's dot: four running sums by position mod 4, added as s0 + s1 + (s2 + s3).
    const lanes = [0, 0, 0, 0];
    for (let f = 0; f < k; f++) {
      lanes[k - (k % 4) > f ? f % 4 : 0]! +=
        at('cf_user_factors').data[u * k + f]! * at('cf_item_factors').data[m * k + f]!;
    }
    const dot = lanes[0]! + lanes[1]! + (lanes[2]! + lanes[3]!);
    const raw = params.globalMean! + at('cf_user_bias').data[u]! + at('cf_item_bias').data[m]! + dot;
    scaled('cf_score', Math.fround(Math.min(params.ratingMax!, Math.max(params.ratingMin!, raw))));
  }
  return out;
}

describe('FeaturePipeline.toArrays', async () => {
  const pipeline = await fitFeaturePipeline({
    dataset,
    trainRows: split.train,
    seed: 3,
    contentDims: 5,
    families: { cf: true },
    cf: { factors: 4, epochs: 3 },
  });
  const arrays = pipeline.toArrays();

  it('holds the values toJSON stores, with shapes that match the data', () => {
    const json = pipeline.toJSON();
    const layout = { users: json.nUsers, movies: json.nMovies };
    expect(arrays.user_table!.data).toEqual(
      decodeFloat32('u', json.userTable, layout.users * arrays.user_table!.shape[1]!),
    );
    expect(arrays.movie_table!.data).toEqual(
      decodeFloat32('m', json.movieTable, layout.movies * arrays.movie_table!.shape[1]!),
    );
    expect(arrays.content_vectors!.data).toEqual(decodeFloat32('c', json.content.vectors, layout.movies * 5));
    expect(arrays.movie_ids!.data).toEqual(decodeInt32('i', json.movieIds, layout.movies));
    expect(arrays.user_ids!.data).toEqual(users.ids);
    expect(Array.from(arrays.scaler_mean!.data)).toEqual(json.scaler.mean);
    expect(arrays.scaler_std!.columns).toEqual(pipeline.featureNames);
    for (const [name, a] of Object.entries(arrays)) {
      expect(
        a.shape.reduce((n, d) => n * d, 1),
        name,
      ).toBe(a.data.length);
      if (a.columns !== undefined) expect(a.columns.length, name).toBe(a.shape.at(-1));
    }
    expect(Object.keys(arrays).filter((k) => k.startsWith('cf_'))).toHaveLength(4);
  });

  it('suffice, with the JSON scalars, to rebuild transformPairs rows bit for bit', () => {
    const user = Uint32Array.of(0, 3, 17, 29, 5);
    const movie = Uint32Array.of(0, 12, 39, 26, 13);
    const served = pipeline.transformPairs({ user, movie });
    const restored = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(pipeline.toJSON())));
    for (let i = 0; i < user.length; i++) {
      const row = rebuildRow(arrays, restored, user[i]!, movie[i]!);
      expect(Array.from(row)).toEqual(
        Array.from(served.data.subarray(i * served.nCols, (i + 1) * served.nCols)),
      );
    }
  });

  it('leave out the cf arrays when the family is off', async () => {
    const plain = await fitFeaturePipeline({ dataset, trainRows: split.train, seed: 3, contentDims: 5 });
    expect(Object.keys(plain.toArrays()).some((k) => k.startsWith('cf_'))).toBe(false);
  });
});
