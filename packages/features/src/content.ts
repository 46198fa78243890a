import { csrFromCoo, randomizedSvd } from '@reco/cf-svd';
import type { Catalog, Genome, TagStore } from '@reco/data';
import { FeatureError } from './errors';
import { assertInteger, assertNonNegative, assertSeed } from './validate';

/** Movie content embeddings: row i describes the catalog movie with dense index i. */
export interface ContentEmbeddings {
  readonly dims: number;
  /** External MovieLens movieId of each row (the catalog's dense order). */
  readonly movieIds: Int32Array;
  /** movies x dims, row-major. A movie with no usable text has an all-zero row. */
  readonly vectors: Float32Array;
  /** Number of TF-IDF terms kept (after the document-frequency filter). */
  readonly terms: number;
}

export interface ContentEmbeddingOptions {
  readonly movies: Catalog;
  readonly tags?: TagStore;
  readonly genome?: Genome;
  /** Embedding width (SVD components). Default 32. */
  readonly dims?: number;
  /** Terms found in fewer movies are dropped: a term of one movie cannot relate two. Default 2. */
  readonly minDocumentFrequency?: number;
  /** Genome tags count as a term of a movie from this relevance up. Default 0.5. */
  readonly genomeMinRelevance?: number;
  /** Seed of the randomized SVD. */
  readonly seed: number;
}

/** Short function words that carry nothing about a movie; most are title articles ("…, The"). */
const STOPWORDS = new Set([
  'a',
  'an',
  'and',
  'at',
  'by',
  'de',
  'der',
  'die',
  'du',
  'el',
  'for',
  'from',
  'in',
  'is',
  'it',
  'la',
  'le',
  'les',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/**
 * One TF-IDF document per movie over four kinds of terms, each namespaced so "drama" the genre and
 * "drama" the tag stay apart:
 * - `tag:<tag>` per user tag (lower-cased), tf = 1 + ln(applications);
 * - `genome:<tag>` per genome tag with relevance >= genomeMinRelevance, tf = relevance;
 * - `genre:<genre>`, tf = 1;
 * - `title:<word>` per lower-cased title word (2+ letters, not a stop word), tf = 1 + ln(count).
 *
 * Weight = tf · idf with the smoothed idf = ln((1 + N) / (1 + df)) + 1 over the N catalog movies,
 * then each document is scaled to unit L2 norm. Returns the sparse movies x terms matrix.
 */
export function contentTfidf(options: Omit<ContentEmbeddingOptions, 'dims' | 'seed'>) {
  const { movies, tags, genome, minDocumentFrequency = 2, genomeMinRelevance = 0.5 } = options;
  assertInteger('contentTfidf', 'minDocumentFrequency', minDocumentFrequency, 1, Number.MAX_SAFE_INTEGER);
  assertNonNegative('contentTfidf', 'genomeMinRelevance', genomeMinRelevance);
  const nMovies = movies.movies.length;
  // Catalog-sized work (tens of thousands of movies), so per-movie maps are fine here.
  const documents: Map<string, number>[] = Array.from({ length: nMovies }, () => new Map());
  const add = (m: number, term: string, tf: number) => {
    const doc = documents[m]!;
    doc.set(term, (doc.get(term) ?? 0) + tf);
  };

  if (tags !== undefined) {
    const lower = tags.vocabulary.map((t) => `tag:${t.trim().toLowerCase()}`);
    for (let i = 0; i < tags.length; i++) {
      const m = tags.movie[i]!;
      if (m < nMovies) add(m, lower[tags.tag[i]!]!, 1);
    }
  }
  movies.movies.forEach((movie, m) => {
    for (const word of movie.title.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length >= 2 && !STOPWORDS.has(word)) add(m, `title:${word}`, 1);
    }
  });
  // Raw counts so far: apply the sublinear tf before adding the terms whose tf is not a count.
  for (const doc of documents) for (const [term, count] of doc) doc.set(term, 1 + Math.log(count));
  movies.movies.forEach((movie, m) => {
    for (const g of movie.genres) add(m, `genre:${g}`, 1);
  });
  if (genome !== undefined) {
    const nTags = genome.tags.length;
    const genomeTerms = genome.tags.map((t) => `genome:${t.toLowerCase()}`);
    for (let row = 0; row < genome.movie.length; row++) {
      const m = genome.movie[row]!;
      if (m >= nMovies) continue;
      for (let t = 0; t < nTags; t++) {
        const relevance = genome.relevance[row * nTags + t]!;
        if (relevance >= genomeMinRelevance) add(m, genomeTerms[t]!, relevance);
      }
    }
  }

  const df = new Map<string, number>();
  for (const doc of documents) for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  // Sorted term order: the matrix depends only on the content, never on insertion order.
  const terms = [...df.keys()].filter((t) => df.get(t)! >= minDocumentFrequency).sort();
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const idf = terms.map((t) => Math.log((1 + nMovies) / (1 + df.get(t)!)) + 1);

  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  documents.forEach((doc, m) => {
    const start = value.length;
    let norm2 = 0;
    for (const [term, tf] of doc) {
      const c = termIndex.get(term);
      if (c === undefined) continue;
      const w = tf * idf[c]!;
      row.push(m);
      col.push(c);
      value.push(w);
      norm2 += w * w;
    }
    const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
    for (let k = start; k < value.length; k++) value[k]! *= inv;
  });
  return { terms, matrix: csrFromCoo({ nRows: nMovies, nCols: terms.length, row, col, value }) };
}

/**
 * Content embeddings: the TF-IDF matrix X (see `contentTfidf`) reduced by a seeded truncated
 * randomized SVD, X ≈ U·S·Vᵀ, and each movie embedded as its row of U·S (= X·V). Dot products of
 * embeddings then approximate dot products (cosine similarities) of the TF-IDF documents. When the
 * matrix has fewer than `dims` independent directions the trailing columns are zero.
 */
export function buildContentEmbeddings(options: ContentEmbeddingOptions): ContentEmbeddings {
  const { movies, dims = 32, seed } = options;
  assertInteger('buildContentEmbeddings', 'dims', dims, 1, 1024);
  assertSeed('buildContentEmbeddings', seed);
  const { terms, matrix } = contentTfidf(options);
  const nMovies = matrix.nRows;
  const vectors = new Float32Array(nMovies * dims);
  const rank = Math.min(dims, nMovies, terms.length);
  if (rank > 0) {
    let svd: ReturnType<typeof randomizedSvd>;
    try {
      // Two power iterations: for embeddings (not exact singular vectors) two passes already settle
      // the leading subspace of a TF-IDF matrix, at half the cost of the default four.
      svd = randomizedSvd(matrix, { rank, seed, powerIterations: 2 });
    } catch (cause) {
      throw new FeatureError(
        'fit-failed',
        `buildContentEmbeddings: the SVD of the ${nMovies} x ${terms.length} TF-IDF matrix failed`,
        {
          cause,
        },
      );
    }
    for (let m = 0; m < nMovies; m++) {
      // "+ 0" turns -0 into 0, so an empty document's vector is plainly zero.
      for (let c = 0; c < rank; c++) vectors[m * dims + c] = svd.u[m * rank + c]! * svd.s[c]! + 0;
    }
  }
  return { dims, movieIds: Int32Array.from(movies.ids.ids), vectors, terms: terms.length };
}
