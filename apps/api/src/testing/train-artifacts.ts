import { fileURLToPath } from 'node:url';
import { runStudy, type StudyConfig } from '@reco/study';

/** The MovieLens sample bundled with the repo (610 users, 9,742 movies, 100,836 ratings). */
export const BUNDLED_DATA = fileURLToPath(new URL('../../../../datasets/ml-latest-small', import.meta.url));

/**
 * A study fast enough for tests and the benchmark (logistic regression only, no tuning, no CF
 * feature, ALS or ranking comparison, 20k training rows for the classifier) that still writes a
 * complete bundle.
 */
export const FAST_STUDY: StudyConfig = {
  data: BUNDLED_DATA,
  models: ['lr'],
  tune: 'none',
  cf: 'off',
  als: false,
  top10: false,
  ranking: false,
  trainSample: 20_000,
  seed: 7,
};

/** Trains the fast study on the bundled data into `out`; returns the bundle folder. */
export async function trainArtifacts(out: string, config: StudyConfig = {}): Promise<string> {
  const result = await runStudy({ ...FAST_STUDY, ...config, out });
  return result.out;
}
