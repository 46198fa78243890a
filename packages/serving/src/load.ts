import { readBundle } from '@reco/bundle';
import type { ServingOptions } from './options';
import { isServedFile, readRecommenderParts } from './read-parts';
import { createRecommender } from './recommender';
import type { Recommender } from './types';

/**
 * Opens an artifact bundle written by `reco train`: validates the manifest, reads each served
 * file once and verifies its SHA-256 (`readBundle`), decodes the parts from those bytes, and
 * serves them. Throws `BundleError` (`bad-artifacts`, `bad-manifest`, `unsupported-version`)
 * naming the file and field when anything is missing or modified. Call `dispose()` when done.
 *
 * @example
 * const recommender = await loadRecommender('artifacts');
 * recommender.recommend(1, { n: 10 }).items;
 */
export async function loadRecommender(dir: string, options: ServingOptions = {}): Promise<Recommender> {
  const bundle = await readBundle(dir, { include: (path, manifest) => isServedFile(manifest, path) });
  const parts = readRecommenderParts(bundle);
  try {
    return createRecommender(parts, options);
  } catch (error) {
    parts.classifier.dispose?.();
    throw error;
  }
}
