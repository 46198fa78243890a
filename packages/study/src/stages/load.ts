import { type Dataset, loadMovieLens } from '@reco/data';
import type { StudyContext } from '../context';
import { StudyError } from '../errors';
import { checkMemory, estimateFor, estimateFromFiles, memoryLimit } from '../memory';
import { datasetFingerprint, releaseOf } from '../provenance';

export interface StudyDataset {
  readonly source: string;
  readonly release: string | null;
  readonly fingerprint: string;
  readonly counts: { readonly ratings: number; readonly users: number; readonly movies: number };
}

export interface LoadOutput {
  readonly dataset: Dataset;
  /** What the manifest says about the data: source, release, fingerprint, counts. */
  readonly summary: StudyDataset;
}

/**
 * Stage 1, load: the MovieLens folder, checked against the like threshold's scale and against the
 * memory limit (before parsing from the file size, then from the exact count).
 */
export async function loadStage(_input: object, context: StudyContext): Promise<LoadOutput> {
  const { trainSample } = context.config;
  const limit = memoryLimit(context.config.memoryLimit);
  checkMemory(estimateFromFiles(context.dataDir, trainSample), limit, trainSample);
  const dataset = await loadMovieLens(
    context.dataDir,
    context.onProgress ? { onProgress: context.onProgress } : {},
  );
  checkLikeThreshold(context.config.likeThreshold, dataset.report.ratingScale);
  checkMemory(estimateFor(dataset.ratings.length, trainSample, false), limit, trainSample);
  const summary: StudyDataset = {
    source: dataset.source,
    release: releaseOf(dataset.source),
    fingerprint: datasetFingerprint(dataset),
    counts: {
      ratings: dataset.ratings.length,
      users: dataset.users.size,
      movies: dataset.movies.movies.length,
    },
  };
  context.log(
    `loaded ${summary.counts.ratings} ratings, ${summary.counts.users} users, ${summary.counts.movies} movies from ${dataset.source}`,
  );
  return { dataset, summary };
}

/**
 * The context the later stages see: when the like threshold was not given, the dataset's own
 * suggestion (4 on whole-star releases such as ml-100k, ml-1m and the Netflix Prize, where 3.5
 * cannot occur), said once in the log. The labels are the same either way on whole stars; the
 * bundle and the API then state the threshold that matches the data's scale.
 */
export function adoptDatasetDefaults(context: StudyContext, load: LoadOutput): StudyContext {
  const { config } = context;
  const suggested = load.dataset.report.suggestedLikeThreshold;
  if (config.likeThresholdGiven || suggested === config.likeThreshold) return context;
  context.log(
    `like threshold ${suggested}: this dataset rates in whole stars (set --like-threshold to change it)`,
  );
  return { ...context, config: { ...config, likeThreshold: suggested } };
}

/** Older releases rate 1-5 in whole stars: a threshold must split that dataset's own scale. */
function checkLikeThreshold(
  likeThreshold: number,
  scale: { readonly min: number; readonly max: number },
): void {
  if (!(likeThreshold > scale.min && likeThreshold <= scale.max)) {
    throw new StudyError(
      'config',
      `like threshold ${likeThreshold} is outside this dataset's rating scale (${scale.min} to ${scale.max}); it must be above ${scale.min} and at most ${scale.max}`,
      { field: 'likeThreshold' },
    );
  }
}
