import { topKOfCandidates as coreTopKOfCandidates, topK } from '@reco/core';

/** The k best entries, best first: `movies[j]` scored `scores[j]`. */
export interface TopMovies {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
}

/**
 * The k highest `scores[m]` over the movies with `eligible[m] === 1` (all movies when `eligible`
 * is null), best first: `@reco/core`'s size-k heap (ties to the lower index, NaN skipped), named
 * in movies.
 */
export function topKMovies(scores: Float32Array, eligible: Uint8Array | null, k: number): TopMovies {
  const top = topK(scores, eligible === null ? { k: Math.max(0, k) } : { k: Math.max(0, k), eligible });
  return { movies: top.items, scores: top.scores };
}

/** The k best of a candidate list: `scores[j]` belongs to `candidates[j]`. */
export function topKOfCandidates(candidates: Uint32Array, scores: Float32Array, k: number): TopMovies {
  const top = coreTopKOfCandidates(candidates, scores, k);
  return { movies: top.items, scores: top.scores };
}
