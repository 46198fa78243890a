import { readBundle } from '@reco/bundle';
import type { ServingOptions } from './options';
import { isServedFile, readRecommenderPartsInSlices } from './read-parts';
import { createRecommender } from './recommender';
import { prepareTitleIndex } from './title-search';
import type { Recommender } from './types';

/**
 * Opens an artifact bundle written by `reco train`: validates the manifest, reads each served
 * file once and verifies its SHA-256 (`readBundle`), decodes the parts from those bytes, and
 * serves them. No single step holds the event loop for the whole load (see `runInSlices`). Throws `BundleError` (`bad-artifacts`, `bad-manifest`, `unsupported-version`)
 * naming the file and field when anything is missing or modified. Call `dispose()` when done.
 *
 * @example
 * const recommender = await loadRecommender('artifacts');
 * recommender.recommend(1, { n: 10 }).items;
 */
export async function loadRecommender(dir: string, options: ServingOptions = {}): Promise<Recommender> {
  const bundle = await readBundle(dir, { include: (path, manifest) => isServedFile(manifest, path) });
  // One decode phase per event-loop turn (and hashing off the loop in readBundle), so a server
  // reloading its bundle keeps answering between phases.
  const parts = await readRecommenderPartsInSlices(bundle);
  // Title search's index too: built lazily, it would hold the first search after a reload ~55 ms.
  await prepareTitleIndex(parts.catalog);
  await new Promise<void>((resolve) => setImmediate(resolve));
  try {
    return createRecommender(parts, options);
  } catch (error) {
    parts.classifier.dispose?.();
    throw error;
  }
}
