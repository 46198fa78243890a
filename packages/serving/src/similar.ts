import type { ServingEngine } from './engine';
import { addCosines, cosine, hasVector } from './similarity';
import { displayTitle } from './title-search';
import { topKMovies } from './top-k';
import type { SimilarBy } from './types';

/** Weight of the popularity tie-break: far below any meaningful cosine difference. */
const TIE_BREAK = 1e-5;

export interface SimilarMovies {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
  readonly reasons: readonly string[];
}

/**
 * The n movies most similar to movie m, best first, by cosine similarity:
 * - 'content': of the TF-IDF + SVD content embeddings (genres, tags, genome, title words);
 * - 'cf': of the CF item factors (ALS when serving uses it, else MF), among movies with at least
 *   `minRatings` training ratings;
 * - 'blend': w · cos_content + (1 - w) · cos_cf (w = `blendWeight`), same minimum rating count.
 * A movie without CF factors (no training ratings, or for ALS no likes) falls back to 'content'
 * whatever `by` says, and its reasons say so.
 */
export function similarMovies(engine: ServingEngine, m: number, n: number, by: SimilarBy): SimilarMovies {
  const { cfSpace, contentSpace, options, stats, nMovies } = engine;
  const { catalog } = engine.parts;
  const hasCf = hasVector(cfSpace, m);
  const effective: SimilarBy = by !== 'content' && !hasCf ? 'content' : by;
  const wContent = effective === 'content' ? 1 : effective === 'cf' ? 0 : options.blendWeight;

  const scores = new Float32Array(nMovies);
  if (wContent > 0) addCosines(contentSpace, m, wContent, scores);
  if (wContent < 1) addCosines(cfSpace, m, 1 - wContent, scores);
  const eligible = new Uint8Array(nMovies);
  for (let j = 0; j < nMovies; j++) {
    const usable =
      effective === 'content'
        ? hasVector(contentSpace, j)
        : stats.count[j]! >= options.minRatings && hasVector(cfSpace, j);
    eligible[j] = usable ? 1 : 0;
  }
  eligible[m] = 0;
  // Many movies tie exactly (content that is only genres): a nudge far below any real difference
  // puts the better-known of tied movies first. It is taken back out of the reported scores.
  const { popularityShare } = engine;
  for (let j = 0; j < nMovies; j++) scores[j]! += TIE_BREAK * popularityShare[j]!;
  const top = topKMovies(scores, eligible, n);
  for (let i = 0; i < top.movies.length; i++) top.scores[i]! -= TIE_BREAK * popularityShare[top.movies[i]!]!;

  const query = catalog.movies[m]!;
  const name = displayTitle(query.title);
  const reasons = Array.from(top.movies, (j) => {
    const other = catalog.movies[j]!;
    const byContent = wContent * cosine(contentSpace, m, j);
    const byCf = (1 - wContent) * cosine(cfSpace, m, j);
    if (byCf > byContent) return `people who liked ${name} also liked this`;
    const what = sharedContent(
      other.genres.filter((g) => query.genres.includes(g)),
      sharedTags(engine.parts.movieTags, m, j),
      name,
    );
    return effective !== by ? `${what} (${name} has too few ratings for CF)` : what;
  });
  return { movies: top.movies, scores: top.scores, reasons };
}

/** Up to three tags movies a and b were both given, in a's order (most-applied first). */
function sharedTags(movieTags: readonly (readonly string[])[] | undefined, a: number, b: number): string[] {
  if (movieTags === undefined) return [];
  const theirs = new Set(movieTags[b]);
  return movieTags[a]!.filter((t) => theirs.has(t)).slice(0, 3);
}

/** "shares Drama, Comedy and the tags "space", "aliens" with Alien", or the closest thing to it. */
function sharedContent(genres: readonly string[], tags: readonly string[], name: string): string {
  const tagText =
    tags.length === 0 ? '' : `the tag${tags.length > 1 ? 's' : ''} ${tags.map((t) => `"${t}"`).join(', ')}`;
  const genreText = genres.slice(0, 3).join(', ');
  if (genreText !== '' && tagText !== '') return `shares ${genreText} and ${tagText} with ${name}`;
  if (genreText !== '' || tagText !== '') return `shares ${genreText || tagText} with ${name}`;
  return `close to ${name} in tags and themes`;
}
