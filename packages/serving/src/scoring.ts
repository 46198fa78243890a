import type { RecommenderParts } from './parts';
import type { UserView } from './user-view';

/**
 * The served classifier's like probability for each of `movies`, in one batch: one feature matrix
 * (`transformPairs`, or `transformForNewUser` for a folded-in user) and one `predictProba` call.
 */
export function likeProbabilities(
  parts: Pick<RecommenderParts, 'pipeline' | 'classifier' | 'catalog'>,
  view: UserView,
  movies: Uint32Array,
): Float32Array {
  const n = movies.length;
  if (n === 0) return new Float32Array(0);
  const { pipeline, catalog } = parts;
  const features =
    view.newRatings === null
      ? pipeline.transformPairs({ user: new Uint32Array(n).fill(view.user), movie: movies })
      : pipeline.transformForNewUser(
          view.newRatings,
          Array.from(movies, (m) => catalog.movies[m]!.movieId),
        );
  return parts.classifier.predictProba(features.data, n);
}

/**
 * The hybrid score of each candidate: w · pct(p_like) + (1 - w) · pct(cf), where pct is the
 * candidate's rank percentile within the scored set (1 = best, 0 = worst). Ranks make the two
 * scales comparable (a probability and an unbounded CF score) and keep the blend robust to
 * either model's calibration.
 */
export function hybridScores(probabilities: Float32Array, cf: Float32Array, weight: number): Float32Array {
  return blendPercentiles(rankPercentiles(probabilities), rankPercentiles(cf), weight);
}

/** w · pLike + (1 - w) · pCf, element by element. */
export function blendPercentiles(pLike: Float32Array, pCf: Float32Array, weight: number): Float32Array {
  const out = new Float32Array(pLike.length);
  for (let j = 0; j < out.length; j++) out[j] = weight * pLike[j]! + (1 - weight) * pCf[j]!;
  return out;
}

/** 1 - rank / (n - 1) with rank 0 for the highest value (ties by position); 1 for a single value. */
export function rankPercentiles(values: Float32Array): Float32Array {
  const n = values.length;
  // Sorting the scored set only (candidates, or the eligible catalogue under exhaustive scoring).
  const order = Uint32Array.from({ length: n }, (_, j) => j).sort((a, b) => values[b]! - values[a]! || a - b);
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) out[order[r]!] = n === 1 ? 1 : 1 - r / (n - 1);
  return out;
}
