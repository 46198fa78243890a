import { ServingError } from './errors';
import type { RecommenderParts } from './parts';

/** The parts must share index spaces; a mismatch means a broken bundle, so say which part. */
export function checkParts(parts: RecommenderParts, nMovies: number): void {
  const { users, ratings, pipeline, classifier, mf, als } = parts;
  const problems: string[] = [];
  if (ratings.userOffsets.length !== users.size + 1) {
    problems.push(`ratings.userOffsets has ${ratings.userOffsets.length} entries for ${users.size} users`);
  }
  if (pipeline.nMovies !== nMovies)
    problems.push(`the pipeline has ${pipeline.nMovies} movies, the catalog ${nMovies}`);
  if (pipeline.nUsers !== users.size)
    problems.push(`the pipeline has ${pipeline.nUsers} users, the users map ${users.size}`);
  if (classifier.nFeatures !== null && classifier.nFeatures !== pipeline.nFeatures) {
    problems.push(
      `the classifier takes ${classifier.nFeatures} features, the pipeline makes ${pipeline.nFeatures}`,
    );
  }
  if (mf.nItems !== nMovies || mf.nUsers !== users.size) {
    problems.push(
      `the MF model is ${mf.nUsers} users x ${mf.nItems} movies, expected ${users.size} x ${nMovies}`,
    );
  }
  if (als != null && (als.nItems !== nMovies || als.nUsers !== users.size)) {
    problems.push(
      `the ALS model is ${als.nUsers} users x ${als.nItems} movies, expected ${users.size} x ${nMovies}`,
    );
  }
  if (parts.movieTags !== undefined && parts.movieTags.length !== nMovies) {
    problems.push(`movieTags has ${parts.movieTags.length} movies, the catalog ${nMovies}`);
  }
  for (const r of parts.retrievers ?? []) {
    if (r.nItems !== nMovies)
      problems.push(`the ${r.kind} retriever scores ${r.nItems} movies, the catalog has ${nMovies}`);
    if (r.kind === 'als' && r.nUsers !== users.size)
      problems.push(`the als retriever has ${r.nUsers} users, the users map ${users.size}`);
  }
  const content = parts.content ?? pipeline.contentEmbeddings;
  if (content.vectors.length !== nMovies * content.dims) {
    problems.push(
      `the content embeddings have ${content.vectors.length / Math.max(1, content.dims)} rows for ${nMovies} movies`,
    );
  }
  if (!(parts.threshold >= 0 && parts.threshold <= 1))
    problems.push(`threshold ${parts.threshold} is not a probability`);
  if (problems.length > 0) {
    throw new ServingError(
      'bad-artifacts',
      `the recommender parts do not fit together: ${problems.join('; ')}`,
    );
  }
}
