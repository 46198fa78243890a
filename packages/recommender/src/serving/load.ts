import { readBundle } from '../bundle/read-bundle';
import { readRecommenderParts } from '../bundle/study-files';
import type { Recommender } from '../types';
import type { ServingOptions } from './options';
import { createRecommender } from './recommender';

/**
 * Opens an artifact bundle written by `reco train`: verifies the manifest and every file's
 * SHA-256 (`readBundle`), reads the parts back, and serves them. Throws `RecommenderError`
 * ('bad-artifacts') naming the file when anything is missing or modified. Call `dispose()` when done.
 *
 * @example
 * const recommender = await loadRecommender('artifacts');
 * recommender.recommend(1, { n: 10 }).items;
 */
export async function loadRecommender(dir: string, options: ServingOptions = {}): Promise<Recommender> {
  const parts = await readRecommenderParts(await readBundle(dir));
  try {
    return createRecommender(parts, options);
  } catch (error) {
    parts.classifier.dispose();
    throw error;
  }
}
