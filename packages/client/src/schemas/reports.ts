import { Type } from 'typebox';
import { List } from './common';

/**
 * The report routes' answers: what `reco train` stored in the bundle's `reports/` and `metrics/`
 * files for the web page. Field meanings match `@reco/study`'s `DatasetReport` and
 * `ModelReport`.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const CountBin = Type.Object({
  from: Type.Integer({ description: 'Inclusive lower bound of ratings per user (or movie).' }),
  to: Type.Integer({ description: 'Exclusive upper bound.' }),
  count: Type.Integer(),
});

export const DatasetSummary = Type.Object(
  {
    version: Type.Integer(),
    source: Type.String(),
    likeThreshold: Type.Number(),
    overview: Type.Object({
      users: Type.Integer(),
      movies: Type.Integer(),
      ratedMovies: Type.Integer(),
      ratings: Type.Integer(),
      meanRating: Nullable(Type.Number()),
      likeRate: Type.Number({ description: 'Share of ratings at or above likeThreshold.' }),
      sparsity: Type.Number({ description: '1 - ratings / (users x movies).' }),
      dateRange: Nullable(Type.Object({ from: Type.String(), to: Type.String() })),
    }),
    ratingHistogram: List(Type.Object({ rating: Type.Number(), count: Type.Integer() })),
    ratingsPerUser: List(CountBin),
    ratingsPerMovie: List(CountBin),
    ratingsByMonth: List(
      Type.Object({
        month: Type.String({ description: 'YYYY-MM' }),
        count: Type.Integer(),
        meanRating: Type.Number(),
      }),
    ),
    genres: List(
      Type.Object({
        genre: Type.String(),
        movies: Type.Integer(),
        ratings: Type.Integer(),
        meanRating: Nullable(Type.Number()),
      }),
    ),
    sample: List(
      Type.Object({
        userId: Type.Integer(),
        movieId: Type.Integer(),
        title: Type.String(),
        year: Nullable(Type.Integer()),
        genres: List(Type.String()),
        rating: Type.Number(),
        timestamp: Type.Integer({ description: 'Unix seconds.' }),
        imdbId: Nullable(Type.String()),
        tmdbId: Nullable(Type.Integer()),
      }),
    ),
  },
  { description: "EDA of the training data's source, computed by `reco train`." },
);

const CurvePoint = Type.Object({ threshold: Type.Number(), x: Type.Number(), y: Type.Number() });

export const ModelCurves = Type.Object({
  model: Type.String(),
  variant: Type.String(),
  rows: Type.Integer(),
  positives: Type.Integer(),
  roc: List(CurvePoint),
  pr: List(CurvePoint),
  calibration: List(
    Type.Object({ meanPredicted: Type.Number(), observedRate: Type.Number(), count: Type.Integer() }),
  ),
  importance: Nullable(
    Type.Object({
      type: Type.String(),
      features: List(Type.Object({ name: Type.String(), value: Type.Number() })),
    }),
  ),
});

export const ComparisonRow = Type.Object({
  model: Type.String(),
  variant: Type.String(),
  split: Type.String({ description: "'val' or 'test'" }),
  accuracy: Type.Number(),
  precision: Type.Number(),
  recall: Type.Number(),
  f1: Type.Number(),
  rocAuc: Type.Number(),
  prAuc: Type.Number(),
  logLoss: Type.Number(),
  brier: Type.Optional(Type.Number()),
  threshold: Type.Number(),
  fitSeconds: Type.Optional(Type.Number()),
  searchCandidates: Type.Optional(Type.Integer()),
  cfFeature: Type.Optional(Type.Boolean()),
});

/** One row of `metrics/ranking.json`: full ranking over the catalogue at k = 10. */
export const RankingRow = Type.Object({
  strategy: Type.String(),
  holdout: Type.Optional(Type.String({ description: "'temporal' (each user's latest 20%) or 'random'." })),
  k: Type.Integer(),
  ndcg: Type.Number(),
  recall20: Type.Optional(Type.Number()),
  map: Type.Number(),
  hitRate: Type.Optional(Type.Number()),
  coverage: Type.Number(),
  meanPopularity: Type.Optional(Type.Number({ description: 'Mean training count of the top-10 movies.' })),
  msPerUser: Type.Optional(Type.Number()),
  evaluatedUsers: Type.Optional(Type.Integer()),
  innerNdcg: Type.Optional(Nullable(Type.Number())),
  // Bundles written before the retrieval models: precision and recall at k.
  precision: Type.Optional(Type.Number()),
  recall: Type.Optional(Type.Number()),
});

const AucPair = Nullable(Type.Object({ without: Type.Number(), with: Type.Number() }));

export const ModelReportResponse = Type.Object(
  {
    chosen: Type.Object({ model: Type.String(), variant: Type.String(), threshold: Type.Number() }),
    comparison: List(ComparisonRow),
    ranking: Nullable(
      Type.Object({
        k: Type.Integer(),
        users: Type.Integer(),
        hybridWeight: Nullable(Type.Number()),
        results: List(RankingRow),
        /** What the bundle serves by default and why (absent in older bundles). */
        served: Nullable(Type.Object({ strategy: Type.String(), reason: Type.String() })),
      }),
    ),
    cf: Nullable(
      Type.Object({
        mode: Type.String(),
        measured: Type.Boolean(),
        model: Nullable(Type.String()),
        validationAuc: AucPair,
        testAuc: AucPair,
        used: Type.Boolean(),
        reason: Type.String(),
      }),
    ),
    stages: List(Type.Object({ stage: Type.String(), seconds: Type.Number() })),
    peakRssBytes: Nullable(Type.Number()),
    /** From `reports/model-report.json`; null for a bundle trained before it existed. */
    curves: Nullable(
      Type.Object({
        split: Type.String(),
        confusion: Type.Object({
          tp: Type.Integer(),
          fp: Type.Integer(),
          tn: Type.Integer(),
          fn: Type.Integer(),
        }),
        models: List(ModelCurves),
      }),
    ),
  },
  { description: 'The model comparison, ranking table, CF decision, stage timings and test-split curves.' },
);
