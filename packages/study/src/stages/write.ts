import {
  BUNDLE_PATHS,
  type BundleManifest,
  type BundleWriter,
  type ManifestArrays,
  modelPath,
  predictionKey,
  writeArrays,
  writeBundle,
} from '@reco/bundle';
import { peakRssBytes } from '@reco/core';
import { comparisonColumns, toCsv, toJson, toMarkdown } from '@reco/eval';
import { likeLabels } from '@reco/features';
import {
  topMovieTags,
  writeCfModel,
  writeMovieTags,
  writePredictions,
  writeRetriever,
  writeStoredData,
} from '@reco/serving';
import { bundleArrays } from '../bundle-arrays';
import type { StudyContext } from '../context';
import { studyRankingJson, studyRankingMarkdown } from '../ranking-report';
import { writeReportFiles } from '../report-files';
import type { TrainedModel } from '../train-models';
import type { CfFeatureOutput } from './cf-feature';
import type { EvaluateOutput } from './evaluate';
import type { LoadOutput } from './load';
import { manifestBody } from './manifest-body';
import type { RankingOutput } from './ranking';
import type { ServingCfOutput } from './serving-cf';
import type { SplitOutput } from './split';
import type { TopNOutput } from './top-n';
import type { TrainOutput } from './train';

export interface WriteInput {
  readonly load: LoadOutput;
  readonly split: SplitOutput;
  readonly 'cf-feature': CfFeatureOutput;
  readonly train: TrainOutput;
  readonly evaluate: EvaluateOutput;
  readonly 'serving-cf': ServingCfOutput;
  readonly ranking: RankingOutput;
  readonly 'top-n': TopNOutput;
}

export interface WriteOutput {
  readonly manifest: BundleManifest;
}

/**
 * Stage 10, write: the artifact bundle, atomically (`@reco/bundle`'s `writeBundle`). The manifest
 * declares every `.npy` under `arrays/` with its dtype and shape (`manifest.arrays`).
 */
export async function writeStage(input: WriteInput, context: StudyContext): Promise<WriteOutput> {
  const manifest = await writeBundle({
    dir: context.out,
    build: async (writer) => {
      const arrays = await writeFiles(writer, input, context);
      return { ...manifestBody(input, context), arrays };
    },
  });
  context.log(`artifacts written to ${context.out}`);
  return { manifest };
}

/** Every file of the bundle but the manifest; returns `manifest.arrays` for the `.npy` files. */
async function writeFiles(
  writer: BundleWriter,
  input: WriteInput,
  context: StudyContext,
): Promise<ManifestArrays> {
  const { dataset } = input.load;
  const { split } = input.split;
  const { trained } = input.train;
  const { comparison } = input.evaluate;
  const { mf } = input['serving-cf'];
  const { ranking, served } = input.ranking;
  const als = served.als ?? null;
  await writer.write(BUNDLE_PATHS.pipeline, JSON.stringify(input['cf-feature'].pipeline.toJSON()));
  for (const t of trained) await writer.write(modelPath(t.model, t.variant), t.classifier.toBytes());
  await writeStoredData(writer, {
    ratings: dataset.ratings,
    users: dataset.users,
    catalog: dataset.movies,
    split: { train: split.train, validation: split.validation, test: split.test },
  });
  if (dataset.tags !== undefined) {
    await writeMovieTags(writer, topMovieTags(dataset.tags, dataset.movies.movies.length));
  }
  await writePredictions(writer, predictionColumns(trained, input.evaluate.scores));
  await writeCfModel(writer, 'mf', mf);
  if (als !== null) await writeCfModel(writer, 'als', als);
  for (const model of served.retrievers ?? []) await writeRetriever(writer, model);
  await writer.write(BUNDLE_PATHS.comparisonJson, toJson(comparison));
  await writer.write(BUNDLE_PATHS.comparisonMarkdown, toMarkdown(comparison, { columns: comparisonColumns }));
  await writer.write(BUNDLE_PATHS.comparisonCsv, toCsv(comparison));
  await writer.write(
    BUNDLE_PATHS.cfComparison,
    `${JSON.stringify(input['cf-feature'].comparison, null, 2)}\n`,
  );
  if (ranking !== null) {
    await writer.write(BUNDLE_PATHS.rankingJson, studyRankingJson(ranking));
    await writer.write(BUNDLE_PATHS.rankingMarkdown, studyRankingMarkdown(ranking));
  }
  const { top10 } = input['top-n'];
  if (top10 !== null) await writer.write(BUNDLE_PATHS.top10, top10);
  await writeReports(writer, input, context);
  return writeArrays(
    writer,
    bundleArrays({
      pipeline: input['cf-feature'].pipeline,
      split,
      trained,
      scores: input.evaluate.scores,
      mf,
      als,
    }),
  );
}

/** The web page's EDA and model report (`@reco/study`'s report-files), from what the stages made. */
function writeReports(writer: BundleWriter, input: WriteInput, context: StudyContext): Promise<void> {
  const { dataset } = input.load;
  const { likeThreshold, seed } = context.config;
  const { scores, best } = input.evaluate;
  return writeReportFiles(writer, {
    dataset,
    likeThreshold,
    seed,
    testLabels: likeLabels(dataset.ratings, { rows: input.split.split.test, likeThreshold }),
    models: input.train.trained.map((t, k) => ({ ...t, testScores: scores.test[k]! })),
    chosen: best,
    timings: { ...context.timings.seconds },
    peakRssBytes: peakRssBytes(),
  });
}

function predictionColumns(
  trained: readonly TrainedModel[],
  scores: EvaluateOutput['scores'],
): Record<string, Float32Array> {
  const columns: Record<string, Float32Array> = {};
  trained.forEach((t, k) => {
    columns[predictionKey(t.model, t.variant, 'val')] = scores.validation[k]!;
    columns[predictionKey(t.model, t.variant, 'test')] = scores.test[k]!;
  });
  return columns;
}
