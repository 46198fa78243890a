/**
 * Test-only: a small hand-shaped dataset and real models trained on it (feature pipeline, logistic
 * classifier, MF, ALS), assembled into `RecommenderParts`. Not exported from the package.
 */

import { BUNDLE_PATHS, type BundleManifest, modelPath, writeBundle } from '@reco/bundle';
import { trainAls, trainMf } from '@reco/cf-svd';
import { createRawRng } from '@reco/core';
import { createDataset, type Dataset, type MovieInput } from '@reco/data';
import { fitFeaturePipeline, likeLabels } from '@reco/features';
import { createClassifier } from '@reco/models';
import { type RecommenderParts, trainingRatings } from './parts';
import { writeCfModel, writeMovieTags, writeRetriever, writeStoredData } from './write-parts';

export const GENRES = ['Sci-Fi', 'Comedy', 'Drama', 'Horror'] as const;
/** Movies per genre cluster. */
const PER_GENRE = 20;
export const UNRATED_MOVIE_ID = 9001;

/**
 * 80 cluster movies (20 per genre, years 1960-2019) plus a few named ones for title search, and
 * one movie nobody rated. 60 users; user u loves genre u % 4 (ratings 4-5) and rates a few
 * movies of other genres low (1-3). Lower-numbered movies of a cluster are rated more often.
 */
export function fixtureDataset(): Dataset {
  const rng = createRawRng(7);
  const random = () => rng.nextFloat();
  const movies: MovieInput[] = [];
  GENRES.forEach((genre, g) => {
    for (let k = 0; k < PER_GENRE; k++) {
      const movieId = 100 * (g + 1) + k;
      movies.push({
        movieId,
        title: `${genre} Story ${k}`,
        year: 1960 + ((k * 3 + g * 7) % 60),
        genres: [genre],
      });
    }
  });
  movies.push(
    { movieId: 1, title: 'Alien (1979)', genres: ['Sci-Fi', 'Horror'] },
    { movieId: 2, title: 'Aliens (1986)', genres: ['Sci-Fi', 'Action'] },
    { movieId: 3, title: 'Alien (2021)', genres: ['Sci-Fi'] },
    {
      movieId: 4,
      title: "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)",
      genres: ['Comedy', 'Romance'],
    },
    { movieId: 5, title: 'Matrix, The (1999)', genres: ['Sci-Fi', 'Action'] },
    { movieId: UNRATED_MOVIE_ID, title: 'Sci-Fi Story Unseen (2020)', genres: ['Sci-Fi', 'Horror'] },
  );

  const userId: number[] = [];
  const movieId: number[] = [];
  const rating: number[] = [];
  const timestamp: number[] = [];
  let clock = 1_500_000_000;
  // Each user's ratings are collected, then stamped in a random order, so a temporal holdout
  // holds out a random mix of a user's tastes rather than whatever the loop made last.
  let pending: [number, number][] = [];
  const rate = (_u: number, m: number, r: number) => {
    pending.push([m, r]);
  };
  const flush = (u: number) => {
    for (let i = pending.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pending[i], pending[j]] = [pending[j]!, pending[i]!];
    }
    for (const [m, r] of pending) {
      userId.push(u);
      movieId.push(m);
      rating.push(r);
      clock += 3_600 + Math.floor(random() * 3_600);
      timestamp.push(clock);
    }
    pending = [];
  };
  for (let u = 1; u <= 60; u++) {
    const favourite = u % 4;
    const seen = new Set<number>();
    // Favourite cluster: popularity falls with k, so low k is rated by most fans.
    for (let k = 0; k < PER_GENRE; k++) {
      if (random() < 0.85 - k * 0.03) {
        const id = 100 * (favourite + 1) + k;
        seen.add(id);
        rate(u, id, 4 + Math.round(random() * 2) / 2);
      }
    }
    for (let extra = 0; extra < 6; extra++) {
      const g = (favourite + 1 + (extra % 3)) % 4;
      const id = 100 * (g + 1) + Math.floor(random() * PER_GENRE);
      if (seen.has(id)) continue;
      seen.add(id);
      rate(u, id, 1 + Math.round(random() * 4) / 2);
    }
    // The named movies: Sci-Fi fans like the Sci-Fi ones, everyone else is lukewarm.
    for (const id of [1, 2, 3, 4, 5]) {
      if (random() < 0.5) rate(u, id, favourite === 0 && id !== 4 ? 4.5 : 2.5);
    }
    flush(u);
  }
  return createDataset({ movies, ratings: { userId, movieId, rating, timestamp } });
}

export interface Fixture {
  readonly dataset: Dataset;
  readonly parts: RecommenderParts;
  /** The classifier's saved bytes (what a bundle holds). */
  readonly classifierBytes: Uint8Array;
  readonly trainRows: Uint32Array;
}

/** Real models on the fixture dataset: on `trainRows` when given, else on every row. */
export async function buildFixture(options: { trainRows?: Uint32Array } = {}): Promise<Fixture> {
  const dataset = fixtureDataset();
  const { ratings, users, movies } = dataset;
  const rows = options.trainRows ?? Uint32Array.from({ length: ratings.length }, (_, i) => i);
  const seed = 11;
  const pipeline = await fitFeaturePipeline({ dataset, trainRows: rows, seed, folds: 3, contentDims: 8 });
  const features = pipeline.transformRows(rows);
  const labels = likeLabels(ratings, { rows });
  const classifier = createClassifier('logistic', { l2: 1e-2 });
  classifier.fit(features.data, features.nRows, features.nCols, labels);
  const input = {
    user: ratings.user,
    item: ratings.movie,
    rating: ratings.rating,
    nUsers: users.size,
    nItems: movies.movies.length,
  };
  const mf = await trainMf({ ...input, factors: 8, epochs: 60, learningRate: 0.02, seed });
  const als = await trainAls({ ...input, factors: 8, iterations: 10, seed });
  const parts: RecommenderParts = {
    catalog: movies,
    users,
    ratings: trainingRatings(ratings, rows),
    likeThreshold: 3.5,
    pipeline,
    classifier,
    threshold: 0.5,
    mf,
    als,
    info: {
      model: 'logistic',
      variant: 'default',
      testMetrics: {},
      dataset: { source: dataset.source, release: null, fingerprint: 'fixture' },
      trainedAt: '2026-01-01T00:00:00.000Z',
      trainingSeconds: 0,
      threshold: 0.5,
    },
  };
  return { dataset, parts, classifierBytes: classifier.toBytes(), trainRows: rows };
}

/** Writes the fixture as a bundle with the files serving reads, as the study would. */
export async function writeFixtureBundle(dir: string, fixture: Fixture): Promise<BundleManifest> {
  const { dataset, parts } = fixture;
  const retrievers = parts.retrievers ?? [];
  const path = modelPath('lr', 'baseline');
  return writeBundle({
    dir,
    build: async (writer) => {
      await writer.write(BUNDLE_PATHS.pipeline, JSON.stringify(parts.pipeline.toJSON()));
      await writer.write(path, fixture.classifierBytes);
      const none = new Uint32Array(0);
      await writeStoredData(writer, {
        ratings: dataset.ratings,
        users: dataset.users,
        catalog: dataset.movies,
        split: { train: fixture.trainRows, validation: none, test: none },
      });
      await writeCfModel(writer, 'mf', parts.mf);
      if (parts.als != null) await writeCfModel(writer, 'als', parts.als);
      if (parts.movieTags !== undefined) await writeMovieTags(writer, parts.movieTags);
      for (const model of retrievers) await writeRetriever(writer, model);
      await writer.write(BUNDLE_PATHS.comparisonCsv, 'model\nlr\n');
      return {
        createdAt: '2026-01-01T00:00:00.000Z',
        writtenBy: '@reco/serving tests',
        bestModel: { model: 'lr', variant: 'baseline', threshold: parts.threshold },
        models: [{ model: 'lr', variant: 'baseline', kind: 'logistic', path }],
        info: parts.info,
        ...(retrievers.length === 0
          ? {}
          : {
              serving: {
                retrievers: retrievers.map((r) => r.kind),
                ...(parts.defaultStrategy === undefined ? {} : { strategy: parts.defaultStrategy }),
              },
            }),
      };
    },
  });
}
