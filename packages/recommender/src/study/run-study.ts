import { resolve } from 'node:path';
import { loadMovieLens, resolveDatasetDir } from '@reco/data';
import { type ComparisonRow, comparisonColumns, toCsv, toJson, toMarkdown } from '@reco/eval';
import {
  FeatureError,
  type FeaturePipeline,
  fitFeaturePipeline,
  likeLabels,
  type Split,
} from '@reco/features';
import type { BundleManifest, ManifestBody } from '../bundle/manifest';
import {
  BUNDLE_PATHS,
  modelPath,
  predictionKey,
  writeCfModel,
  writePredictions,
  writeStoredData,
} from '../bundle/study-files';
import { writeBundle } from '../bundle/write-bundle';
import { RecommenderError } from '../errors';
import { type RecommenderParts, trainingRatings } from '../parts';
import type { RankingEvaluation } from '../ranking/evaluate-ranking';
import { rankingJson, rankingMarkdown } from '../ranking/report';
import { createRecommender } from '../serving/recommender';
import type { ModelInfo } from '../types';
import { trainServingCf } from './cf';
import { type CfComparison, compareCf } from './cf-comparison';
import { type ResolvedStudyConfig, resolveStudyConfig, type StudyConfig } from './config';
import {
  bestByValidation,
  comparisonRows,
  evaluateScores,
  type ModelEvaluation,
  scoreChunks,
} from './evaluate';
import { featureSet } from './matrices';
import { datasetFingerprint, packageVersions, releaseOf } from './provenance';
import { evaluateStudyRanking } from './ranking';
import { writeReportFiles } from './report-files';
import { sampleRows, splitRatings } from './split';
import { createStageTimer, type OnStudyProgress, peakRssBytes } from './stages';
import { top10Csv } from './top10';
import { type TrainedModel, trainModels } from './train-models';

/** Validation rows used to stop XGBoost early and to score search candidates (a seeded sample above this). */
const FIT_VALIDATION_ROWS = 500_000;
/** Training rows each search candidate is fitted on (a seeded sample above this); winners refit on all. */
const SEARCH_ROWS = 20_000;

export interface RunStudyOptions {
  readonly onProgress?: OnStudyProgress;
  /** One line per notable step (fits, decisions). Default: silent. */
  readonly log?: (message: string) => void;
}

/** What a study did: the comparison table, the chosen model, the CF decision, timings, the bundle. */
export interface StudyResult {
  readonly config: ResolvedStudyConfig;
  /** Absolute path of the artifact bundle. */
  readonly out: string;
  readonly dataset: StudyDataset;
  readonly split: StudySplit;
  /** model x variant x split, with the metrics; what `metrics/comparison.json` holds. */
  readonly comparison: readonly ComparisonRow[];
  /** The model chosen by validation ROC AUC, with its validation-chosen threshold. */
  readonly best: { readonly model: string; readonly variant: string; readonly threshold: number };
  readonly cf: CfComparison;
  /** The ranking comparison of the strategies, when it ran (`ranking: true`). */
  readonly ranking: RankingEvaluation | null;
  /** Wall-clock seconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
  /** CPU seconds per stage (all threads); steadier than wall time on a busy machine. */
  readonly cpuTimings: Readonly<Record<string, number>>;
  readonly totalSeconds: number;
  readonly peakRssBytes: number;
  readonly manifest: BundleManifest;
}

export interface StudyDataset {
  readonly source: string;
  readonly release: string | null;
  readonly fingerprint: string;
  readonly counts: { readonly ratings: number; readonly users: number; readonly movies: number };
}

export interface StudySplit {
  readonly method: string;
  readonly counts: { readonly train: number; readonly validation: number; readonly test: number };
  readonly likeShare: { readonly train: number; readonly validation: number; readonly test: number };
  readonly movedToTrain: number;
  readonly coldUserRows: number;
  /** Training rows the classifiers were fitted on (all, or `trainSample`). */
  readonly modelRows: number;
}

/**
 * The whole study, end to end: load, split, fit features on train, train each model as a
 * baseline and tuned, pick thresholds on validation, evaluate on validation and test, choose the
 * best model by validation ROC AUC, measure the CF feature, and write the artifact bundle
 * atomically. Bad config fails before any work.
 *
 * @example
 * const result = await runStudy({ models: ['xgb'], tune: 'none', out: 'artifacts' });
 * result.best; // { model: 'xgb', variant: 'baseline', threshold: 0.43 }
 */
export async function runStudy(
  config: StudyConfig = {},
  options: RunStudyOptions = {},
): Promise<StudyResult> {
  const started = performance.now();
  const c = resolveStudyConfig(config);
  const { onProgress, log } = options;
  const timer = createStageTimer();
  const dataDir = resolveDatasetDir(c.data);
  const out = resolve(c.out);

  const dataset = await timer.time('load', () => loadMovieLens(dataDir, onProgress ? { onProgress } : {}));
  const { ratings } = dataset;
  checkLikeThreshold(c.likeThreshold, dataset.report.ratingScale);
  const studyDataset: StudyDataset = {
    source: dataset.source,
    release: releaseOf(dataset.source),
    fingerprint: datasetFingerprint(dataset),
    counts: { ratings: ratings.length, users: dataset.users.size, movies: dataset.movies.movies.length },
  };
  log?.(
    `loaded ${studyDataset.counts.ratings} ratings, ${studyDataset.counts.users} users, ${studyDataset.counts.movies} movies from ${dataset.source}`,
  );

  const split = await timer.time('split', () =>
    splitRatings(ratings, { method: c.split, seed: c.seed, likeThreshold: c.likeThreshold }),
  );
  const modelRows = sampleRows(split.train, c.trainSample, c.seed);
  const fitValidationRows = sampleRows(split.validation, FIT_VALIDATION_ROWS, c.seed + 1);

  const fitPipeline = (cf: boolean) =>
    fitFeaturePipeline({
      dataset,
      trainRows: split.train,
      seed: c.seed,
      likeThreshold: c.likeThreshold,
      ...(cf ? { families: { cf: true } } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  let pipeline = await timer.time('features', () => fitPipeline(false));
  let train = await timer.time('features', () =>
    featureSet(pipeline, ratings, modelRows, 'train', c.likeThreshold),
  );
  let validation = await timer.time('features', () =>
    featureSet(pipeline, ratings, fitValidationRows, 'eval', c.likeThreshold),
  );

  const cfResult = await timer.time('cf feature', () =>
    compareCf({
      mode: c.cf,
      models: c.models,
      dataset,
      likeThreshold: c.likeThreshold,
      seed: c.seed,
      modelRows,
      trainRows: split.train,
      validationRows: fitValidationRows,
      testRows: sampleRows(split.test, FIT_VALIDATION_ROWS, c.seed + 2),
      pipeline,
      train,
      validation,
      fitCfPipeline: async () => {
        try {
          return await fitPipeline(true);
        } catch (error) {
          // The pipeline's 'cf' family is optional; without it the comparison adds the column itself.
          if (error instanceof FeatureError && /cf/i.test(error.message)) return null;
          throw error;
        }
      },
      ...(onProgress ? { onProgress } : {}),
      ...(log ? { log } : {}),
    }),
  );
  const cfPipeline = cfResult.pipeline;
  if (cfPipeline !== null) {
    pipeline = cfPipeline;
    train = await timer.time('features', () =>
      featureSet(cfPipeline, ratings, modelRows, 'train', c.likeThreshold),
    );
    validation = await timer.time('features', () =>
      featureSet(cfPipeline, ratings, fitValidationRows, 'eval', c.likeThreshold),
    );
  }

  const trained = await timer.time('train', () =>
    trainModels({
      models: c.models,
      tune: c.tune,
      train,
      validation: { X: validation.X, nRows: validation.nRows, y: validation.y },
      seed: c.seed,
      randomBudget: c.randomBudget,
      searchRows: SEARCH_ROWS,
      prefitted: cfResult.baseline,
      ...(onProgress ? { onProgress } : {}),
      ...(log ? { log } : {}),
    }),
  );
  // The matrices are not needed any more; on 20M ratings they are gigabytes.
  train = validation = emptySet();

  try {
    const labels = {
      validation: likeLabels(ratings, { rows: split.validation, likeThreshold: c.likeThreshold }),
      test: likeLabels(ratings, { rows: split.test, likeThreshold: c.likeThreshold }),
    };
    const scores = await timer.time('evaluate', () =>
      scoreSplits(pipeline, split, trained, c.chunkRows, onProgress),
    );
    const evaluations: ModelEvaluation[] = scores.validation.map((validation, k) =>
      evaluateScores(labels, { validation, test: scores.test[k]! }),
    );
    const comparison = trained.flatMap((t, k) =>
      comparisonRows(t.model, t.variant, evaluations[k]!, {
        fitSeconds: round(t.fitSeconds, 2),
        searchCandidates: t.search?.candidates ?? 0,
        cfFeature: cfResult.comparison.used,
      }),
    );
    const chosen = bestByValidation(comparison);
    const bestIndex = trained.findIndex((t) => t.model === chosen.model && t.variant === chosen.variant);
    const bestModel = trained[bestIndex]!;
    const bestEvaluation = evaluations[bestIndex]!;
    const best = { ...chosen, threshold: bestEvaluation.threshold };
    log?.(
      `best by validation ROC AUC: ${best.model} ${best.variant} (validation ${bestEvaluation.validation.rocAuc.toFixed(4)}, test ${bestEvaluation.test.rocAuc.toFixed(4)})`,
    );

    const cf = await timer.time('serving cf', () =>
      trainServingCf({
        ratings,
        trainRows: split.train,
        nUsers: dataset.users.size,
        nItems: dataset.movies.movies.length,
        likeThreshold: c.likeThreshold,
        seed: c.seed,
        als: c.als,
        ...(onProgress ? { onProgress } : {}),
      }),
    );

    const createdAt = new Date().toISOString();
    const info: ModelInfo = {
      model: best.model,
      variant: best.variant,
      testMetrics: testMetricsOf(comparison, best),
      dataset: {
        source: studyDataset.source,
        release: studyDataset.release,
        fingerprint: studyDataset.fingerprint,
      },
      trainedAt: createdAt,
      trainingSeconds: round((performance.now() - started) / 1000, 2),
      threshold: best.threshold,
    };
    const parts: RecommenderParts = {
      catalog: dataset.movies,
      users: dataset.users,
      ratings: trainingRatings(ratings, split.train),
      likeThreshold: c.likeThreshold,
      pipeline,
      classifier: bestModel.classifier,
      threshold: best.threshold,
      mf: cf.mf,
      als: cf.als,
      info,
    };
    const ranking = c.ranking
      ? await timer.time('ranking', () =>
          evaluateStudyRanking({
            dataset,
            seed: c.seed,
            likeThreshold: c.likeThreshold,
            cfFeature: cfResult.comparison.used,
            classifier: bestModel.classifier,
            threshold: best.threshold,
            trainSample: c.trainSample,
            als: c.als,
            info,
            maxUsers: c.rankingUsers,
            ...(onProgress ? { onProgress } : {}),
          }),
        )
      : null;
    if (ranking !== null) {
      log?.(
        `ranking: best strategy ${ranking.best.strategy}, NDCG@${ranking.k} ${ranking.best.ndcg.toFixed(4)}; ` +
          `hybrid weight ${ranking.hybridWeight}`,
      );
    }
    // The served bundle uses the hybrid weight the ranking stage chose on its inner holdout.
    const served: RecommenderParts =
      ranking?.hybridWeightSweep === undefined
        ? parts
        : { ...parts, hybridWeight: ranking.hybridWeightSweep.chosen };
    const top10 = c.top10
      ? await timer.time('top10', () =>
          top10Csv(createRecommender(served), dataset.users.ids, (done, total) =>
            onProgress?.({ stage: 'top 10 per user', done, total, unit: 'users' }),
          ),
        )
      : null;

    const studySplit = splitSummary(split, modelRows.length);
    const timings = { ...timer.seconds };
    const manifest = await timer.time('write', () =>
      writeBundle({
        dir: out,
        build: async (writer) => {
          await writer.write(BUNDLE_PATHS.pipeline, JSON.stringify(pipeline.toJSON()));
          for (const t of trained) await writer.write(modelPath(t.model, t.variant), t.classifier.toBytes());
          await writeStoredData(writer, {
            ratings,
            users: dataset.users,
            catalog: dataset.movies,
            split: { train: split.train, validation: split.validation, test: split.test },
          });
          await writePredictions(writer, predictionColumns(trained, scores));
          await writeCfModel(writer, 'mf', cf.mf);
          if (cf.als !== null) await writeCfModel(writer, 'als', cf.als);
          await writer.write(BUNDLE_PATHS.comparisonJson, toJson(comparison));
          await writer.write(
            BUNDLE_PATHS.comparisonMarkdown,
            toMarkdown(comparison, { columns: comparisonColumns }),
          );
          await writer.write(BUNDLE_PATHS.comparisonCsv, toCsv(comparison));
          await writer.write(BUNDLE_PATHS.cfComparison, `${JSON.stringify(cfResult.comparison, null, 2)}\n`);
          if (ranking !== null) {
            await writer.write(BUNDLE_PATHS.rankingJson, rankingJson(ranking));
            await writer.write(BUNDLE_PATHS.rankingMarkdown, rankingMarkdown(ranking));
          }
          if (top10 !== null) await writer.write(BUNDLE_PATHS.top10, top10);
          await writeReportFiles(writer, {
            dataset,
            likeThreshold: c.likeThreshold,
            seed: c.seed,
            testLabels: labels.test,
            models: trained.map((t, k) => ({ ...t, testScores: scores.test[k]! })),
            chosen: best,
            timings,
            peakRssBytes: peakRssBytes(),
          });
          const body: ManifestBody = {
            createdAt,
            dataset: studyDataset,
            config: { ...c, data: dataDir, out },
            seed: c.seed,
            split: studySplit,
            packageVersions: packageVersions(),
            timings,
            cpuTimings: { ...timer.cpuSeconds },
            peakRssBytes: peakRssBytes(),
            bestModel: best,
            info,
            models: trained.map((t) => ({
              model: t.model,
              variant: t.variant,
              kind: t.classifier.kind,
              path: modelPath(t.model, t.variant),
              params: t.classifier.params,
              fitSeconds: round(t.fitSeconds, 3),
              search: t.search,
            })),
            cf: cfResult.comparison,
            ranking: ranking === null ? null : { k: ranking.k, users: ranking.users, best: ranking.best },
            ...(served.hybridWeight === undefined ? {} : { serving: { hybridWeight: served.hybridWeight } }),
          };
          return body;
        },
      }),
    );
    log?.(`artifacts written to ${out}`);
    return {
      config: c,
      out,
      dataset: studyDataset,
      split: studySplit,
      comparison,
      best,
      cf: cfResult.comparison,
      ranking,
      timings: { ...timer.seconds },
      cpuTimings: { ...timer.cpuSeconds },
      totalSeconds: (performance.now() - started) / 1000,
      peakRssBytes: peakRssBytes(),
      manifest,
    };
  } finally {
    for (const t of trained) t.classifier.dispose();
  }
}

/** Every model's like probabilities on the full validation and test parts, in feature chunks. */
async function scoreSplits(
  pipeline: FeaturePipeline,
  split: Split,
  trained: readonly TrainedModel[],
  chunkRows: number,
  onProgress: OnStudyProgress | undefined,
): Promise<{ validation: Float32Array[]; test: Float32Array[] }> {
  const classifiers = trained.map((t) => t.classifier);
  const score = (rows: Uint32Array, stage: string) =>
    scoreChunks(
      pipeline.transformRowsInChunks(rows, { part: 'eval', chunkRows }),
      rows.length,
      classifiers,
      (done) => onProgress?.({ stage, done, total: rows.length, unit: 'rows' }),
    );
  return { validation: score(split.validation, 'score validation'), test: score(split.test, 'score test') };
}

function predictionColumns(
  trained: readonly TrainedModel[],
  scores: { validation: Float32Array[]; test: Float32Array[] },
): Record<string, Float32Array> {
  const columns: Record<string, Float32Array> = {};
  trained.forEach((t, k) => {
    columns[predictionKey(t.model, t.variant, 'val')] = scores.validation[k]!;
    columns[predictionKey(t.model, t.variant, 'test')] = scores.test[k]!;
  });
  return columns;
}

function testMetricsOf(
  comparison: readonly ComparisonRow[],
  best: { model: string; variant: string },
): Record<string, number> {
  const row = comparison.find(
    (r) => r.model === best.model && r.variant === best.variant && r.split === 'test',
  )!;
  const { accuracy, precision, recall, f1, rocAuc, prAuc, logLoss } = row;
  return { accuracy, precision, recall, f1, rocAuc, prAuc, logLoss };
}

function splitSummary(split: Split, modelRows: number): StudySplit {
  const { report } = split;
  return {
    method: report.method,
    counts: report.counts,
    likeShare: report.likeShare,
    movedToTrain: report.movedToTrain,
    coldUserRows: report.coldUserRows,
    modelRows,
  };
}

function emptySet() {
  return { X: new Float32Array(0), nRows: 0, nCols: 0, y: new Uint8Array(0), names: [] };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Older releases rate 1-5 in whole stars: a threshold must split that dataset's own scale. */
function checkLikeThreshold(
  likeThreshold: number,
  scale: { readonly min: number; readonly max: number },
): void {
  if (!(likeThreshold > scale.min && likeThreshold <= scale.max)) {
    throw new RecommenderError(
      'config',
      `like threshold ${likeThreshold} is outside this dataset's rating scale (${scale.min} to ${scale.max}); it must be above ${scale.min} and at most ${scale.max}`,
    );
  }
}
