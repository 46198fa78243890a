import { BUNDLE_PATHS, type BundleWriter, encodeColumns, retrieverPaths } from '@reco/bundle';
import { type CfModel, encodeModel } from '@reco/cf-svd';
import { encodeRetriever, type Retriever } from '@reco/retrieval';
import type { StoredData } from './read-parts';

/**
 * The write side of read-parts.ts: how the study stores the parts serving reads. Kept beside the
 * readers so the two cannot drift; the round trip is tested in read-parts.test.ts.
 */
export async function writeStoredData(writer: BundleWriter, data: StoredData): Promise<void> {
  const { ratings, users, catalog, split } = data;
  const stored = encodeColumns({
    user: ratings.user,
    movie: ratings.movie,
    rating: ratings.rating,
    timestamp: ratings.timestamp,
    userOffsets: ratings.userOffsets,
    userIds: users.ids,
  });
  await writer.write(BUNDLE_PATHS.ratingsHeader, json(stored.header));
  await writer.write(BUNDLE_PATHS.ratings, stored.bytes);
  const rows = encodeColumns({ train: split.train, validation: split.validation, test: split.test });
  await writer.write(BUNDLE_PATHS.splitHeader, json(rows.header));
  await writer.write(BUNDLE_PATHS.split, rows.bytes);
  await writer.write(BUNDLE_PATHS.catalog, json({ genreNames: catalog.genreNames, movies: catalog.movies }));
}

/** `data/movie-tags.json`: each movie's most-applied tags (`topMovieTags`), for "similar". */
export async function writeMovieTags(
  writer: BundleWriter,
  movieTags: readonly (readonly string[])[],
): Promise<void> {
  await writer.write(BUNDLE_PATHS.movieTags, json({ movies: movieTags }));
}

/** Saved like probabilities: one column per `predictionKey(model, variant, split)`. */
export async function writePredictions(
  writer: BundleWriter,
  predictions: Readonly<Record<string, Float32Array>>,
): Promise<void> {
  const packed = encodeColumns(predictions);
  await writer.write(BUNDLE_PATHS.predictionsHeader, json(packed.header));
  await writer.write(BUNDLE_PATHS.predictions, packed.bytes);
}

export async function writeCfModel(writer: BundleWriter, kind: 'mf' | 'als', model: CfModel): Promise<void> {
  const { header, bytes } = encodeModel(model);
  await writer.write(kind === 'mf' ? BUNDLE_PATHS.mfHeader : BUNDLE_PATHS.alsHeader, json(header));
  await writer.write(kind === 'mf' ? BUNDLE_PATHS.mf : BUNDLE_PATHS.als, bytes);
}

/** A served retrieval model: its JSON header and typed-array buffer (`retrieverPaths(kind)`). */
export async function writeRetriever(writer: BundleWriter, model: Retriever): Promise<void> {
  const { header, data } = encodeRetriever(model);
  const paths = retrieverPaths(model.kind);
  await writer.write(paths.header, json(header));
  await writer.write(paths.data, data);
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
