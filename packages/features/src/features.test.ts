import { describe, expect, it } from 'vitest';
import { MOVIELENS_GENRES } from './genres';
import { type FeatureMatrix, fitFeaturePipeline } from './pipeline';
import { makeCatalog, makeStore } from './test-fixtures';

/**
 * Hand-computed expected values for every feature family on a tiny fixture. Every expectation below
 * is written out from the definitions in the README, not taken from the code's output.
 */

const H = 3600;
const D = 86_400;
const SAT_2000 = 946_684_800; // 2000-01-01, a Saturday
const MON_2001 = 978_307_200; // 2001-01-01, a Monday
const TUE_2002 = 1_009_843_200; // 2002-01-01, a Tuesday

const catalog = makeCatalog([
  { movieId: 1, title: 'Alpha Star', year: 1990, genres: ['Action', 'Comedy'] },
  { movieId: 2, title: 'Beta Star', year: 2000, genres: ['Drama'] },
  { movieId: 3, title: 'Gamma', year: null, genres: [] },
  { movieId: 4, title: 'Delta Noir', year: 2010, genres: ['Film-Noir', 'Drama'] },
]);

// Rows in store order (sorted by user, movie):
//  0: u0 m0 4.0 Sat 10h   fold 0      4: u1 m0 2.0 Mon 05h   fold 0
//  1: u0 m1 3.0 Mon 10h   fold 1      5: u1 m1 4.5 Sat 05h   fold 1
//  2: u0 m2 5.0 Tue 22h   fold 0      6: u1 m3 3.5  (evaluation row)
//  3: u0 m3 2.0 Sat 10h   fold 1      7: u2 m1 1.0  (evaluation row, user without training ratings)
const ratings = makeStore([
  { user: 0, movie: 0, rating: 4, timestamp: SAT_2000 + 10 * H },
  { user: 0, movie: 1, rating: 3, timestamp: SAT_2000 + 2 * D + 10 * H },
  { user: 0, movie: 2, rating: 5, timestamp: SAT_2000 + 3 * D + 22 * H },
  { user: 0, movie: 3, rating: 2, timestamp: SAT_2000 + 7 * D + 10 * H },
  { user: 1, movie: 0, rating: 2, timestamp: MON_2001 + 5 * H },
  { user: 1, movie: 1, rating: 4.5, timestamp: MON_2001 + 5 * D + 5 * H },
  { user: 1, movie: 3, rating: 3.5, timestamp: TUE_2002 + 3 * H },
  { user: 2, movie: 1, rating: 1, timestamp: TUE_2002 + D + 4 * H },
]);
const trainRows = Uint32Array.of(0, 1, 2, 3, 4, 5);
const foldAssignment = Uint8Array.of(0, 1, 0, 1, 0, 1);

const baseOptions = {
  dataset: { ratings, movies: catalog },
  trainRows,
  folds: 2,
  foldAssignment,
  seed: 1,
  genrePriorWeight: 2,
  movieMeanPriorWeight: 1,
  trendingDays: 3, // window end = row 5 (Sat 2001-01-06 05h): only row 5 is recent
  trendingLift: 2,
  trendingMinRatings: 1,
  contentDims: 2,
  minDocumentFrequency: 1,
  scale: false,
};

/** Sample standard deviation by its definition (independent of the code's sums of squares). */
function sampleStd(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

function row(matrix: FeatureMatrix, i: number): Record<string, number> {
  const out: Record<string, number> = {};
  matrix.names.forEach((name, j) => {
    out[name] = matrix.data[i * matrix.nCols + j]!;
  });
  return out;
}

function expectFeatures(actual: Record<string, number>, expected: Record<string, number>): void {
  for (const [name, value] of Object.entries(expected)) {
    expect(actual[name], name).toBeDefined();
    if (Number.isNaN(value)) expect(actual[name], name).toBeNaN();
    else expect(actual[name], name).toBeCloseTo(value, 5);
  }
}

/** Every pref_ column at `value`, then overrides. */
function prefs(value: number, overrides: Record<string, number> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of MOVIELENS_GENRES) out[`pref_${g}`] = value;
  return { ...out, ...overrides };
}

function genreOneHots(on: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of [...MOVIELENS_GENRES, 'no_genres_listed']) out[`genre_${g}`] = on.includes(g) ? 1 : 0;
  return out;
}

const trainRatings = [4, 3, 5, 2, 2, 4.5];
const mu = trainRatings.reduce((a, b) => a + b) / 6; // 20.5 / 6
const mu0 = (3 + 2 + 4.5) / 3; // fold 0's statistics come from fold 1's rows: 1, 3, 5
const mu1 = (4 + 5 + 2) / 3; // and fold 1's from rows 0, 2, 4

describe('feature values on a hand-computed fixture (impute mode)', async () => {
  const pipeline = await fitFeaturePipeline(baseOptions);
  const m = pipeline.transformRows(Uint32Array.of(0, 2, 3, 5, 6, 7));
  const [r0, r2, r3, r5, r6, r7] = [0, 1, 2, 3, 4, 5].map((i) => row(m, i)) as Record<string, number>[];

  it('evaluation row of a known user uses full-training statistics', () => {
    const mean = (2 + 4.5) / 2;
    expectFeatures(r6!, {
      user_mean: mean,
      user_std: sampleStd([2, 4.5]),
      user_like_ratio: 1 / 2,
      user_count: 2,
      user_top_hour: 5,
      user_weekend_share: 1 / 2, // Mon and Sat
      user_cold: 0,
      ...prefs(mean, {
        pref_Action: (2 + 2 * mean) / (1 + 2),
        pref_Comedy: (2 + 2 * mean) / (1 + 2),
        pref_Drama: (4.5 + 2 * mean) / (1 + 2),
      }),
      movie_mean: (2 + 1 * mu) / (1 + 1), // Delta Noir: one training rating (2.0), prior weight 1
      movie_cold: 0,
      movie_count: 1,
      movie_log_popularity: Math.log(2),
      movie_year: 2010,
      movie_year_missing: 0,
      movie_trend_score: 0,
      movie_trending: 0,
      ...genreOneHots(['Drama', 'Film-Noir']),
      movie_age_at_rating: 2002 - 2010,
      user_genre_affinity: ((4.5 + 2 * mean) / 3 + mean) / 2, // mean of pref_Drama and pref_Film-Noir
    });
  });

  it('evaluation row of a user without training ratings is imputed and flagged', () => {
    expectFeatures(r7!, {
      user_mean: mu,
      user_std: sampleStd(trainRatings),
      user_like_ratio: 3 / 6,
      user_count: 0,
      user_top_hour: 10, // training hours 10, 10, 22, 10, 5, 5
      user_weekend_share: 3 / 6, // rows 0, 3 and 5
      user_cold: 1,
      ...prefs(mu),
      movie_mean: (3 + 4.5 + 1 * mu) / (2 + 1),
      movie_count: 2,
      movie_log_popularity: Math.log(3),
      movie_year: 2000,
      movie_trend_score: 1 / 2, // one of its two ratings falls in the last 3 days
      movie_trending: 1, // 1/2 >= 2 x (1/6 recent overall), with >= 1 recent rating
      ...genreOneHots(['Drama']),
      movie_age_at_rating: 2002 - 2000,
      user_genre_affinity: mu,
    });
  });

  it('training rows use the statistics of the other folds only', () => {
    // Row 0 (fold 0): user 0's fold-1 ratings are 3 (Beta, Drama) and 2 (Delta, Drama + Film-Noir).
    expectFeatures(r0!, {
      user_mean: 2.5,
      user_std: sampleStd([3, 2]),
      user_like_ratio: 0,
      user_count: 4, // counts need no folding
      user_top_hour: 10,
      user_weekend_share: 2 / 4,
      user_cold: 0,
      ...prefs(2.5, { pref_Drama: (3 + 2 + 2 * 2.5) / (2 + 2), 'pref_Film-Noir': (2 + 2 * 2.5) / (1 + 2) }),
      // Alpha Star's ratings (rows 0 and 4) are both in fold 0: cold for this row, at fold 0's mean.
      movie_mean: mu0,
      movie_cold: 1,
      movie_count: 2,
      movie_year: 1990,
      ...genreOneHots(['Action', 'Comedy']),
      movie_age_at_rating: 2000 - 1990,
      user_genre_affinity: 2.5,
    });

    // Row 2 (fold 0): Gamma has no year and no genres.
    expectFeatures(r2!, {
      user_mean: 2.5,
      movie_mean: mu0,
      movie_cold: 1,
      movie_year: 2000, // median of 1990, 2000, 2010
      movie_year_missing: 1,
      ...genreOneHots(['no_genres_listed']),
      movie_age_at_rating: 0,
      user_genre_affinity: 2.5, // no genres: the user's mean
    });

    // Row 3 (fold 1): user 0's fold-0 ratings are 4 (Alpha: Action, Comedy) and 5 (Gamma: none).
    expectFeatures(r3!, {
      user_mean: 4.5,
      user_std: sampleStd([4, 5]),
      user_like_ratio: 1,
      ...prefs(4.5, { pref_Action: (4 + 2 * 4.5) / 3, pref_Comedy: (4 + 2 * 4.5) / 3 }),
      movie_mean: mu1,
      movie_cold: 1,
      movie_age_at_rating: 2000 - 2010,
      user_genre_affinity: 4.5, // Drama and Film-Noir both at the prior
    });

    // Row 5 (fold 1): user 1 has one out-of-fold rating (2.0 on Alpha), so the std is imputed.
    expectFeatures(r5!, {
      user_mean: 2,
      user_std: sampleStd([4, 5, 2]), // fold 1's global std
      user_like_ratio: 0,
      user_count: 2,
      ...prefs(2),
      movie_mean: mu1,
      movie_cold: 1,
      movie_trend_score: 1 / 2,
      movie_trending: 1,
      movie_age_at_rating: 2001 - 2000,
      user_genre_affinity: 2,
    });
  });

  it('names every column once, in family order', () => {
    expect(new Set(m.names).size).toBe(m.names.length);
    expect(m.names[0]).toBe('user_mean');
    expect(m.names).toContain('genre_IMAX');
    expect(m.names).toContain('genre_Film-Noir');
    expect(m.names).toContain('genre_no_genres_listed');
    expect(m.names.slice(-2)).toEqual(['content_0', 'content_1']);
    expect(m.nCols).toBe(7 + 19 + 8 + 20 + 2 + 2);
  });
});

describe('feature values in NaN mode', async () => {
  const pipeline = await fitFeaturePipeline({ ...baseOptions, missing: 'nan' });
  const m = pipeline.transformRows(Uint32Array.of(2, 5, 7));
  const [r2, r5, r7] = [0, 1, 2].map((i) => row(m, i)) as Record<string, number>[];

  it('leaves missing values NaN but keeps the flags and everything known', () => {
    expectFeatures(r7!, {
      user_mean: Number.NaN,
      user_std: Number.NaN,
      user_like_ratio: Number.NaN,
      user_top_hour: Number.NaN,
      user_weekend_share: Number.NaN,
      user_cold: 1,
      user_count: 0,
      pref_Drama: Number.NaN,
      user_genre_affinity: Number.NaN,
      movie_mean: (3 + 4.5 + mu) / 3,
    });
    expectFeatures(r2!, {
      movie_mean: Number.NaN,
      movie_cold: 1,
      movie_year: Number.NaN,
      movie_year_missing: 1,
      movie_age_at_rating: Number.NaN,
      user_mean: 2.5,
    });
    expectFeatures(r5!, { user_mean: 2, user_std: Number.NaN });
  });

  it('never produces NaN in impute mode', async () => {
    const imputed = await fitFeaturePipeline({ ...baseOptions, scale: true });
    const all = imputed.transformRows(Uint32Array.of(0, 1, 2, 3, 4, 5, 6, 7));
    expect(all.data.some(Number.isNaN)).toBe(false);
  });
});
