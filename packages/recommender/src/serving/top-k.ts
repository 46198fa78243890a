/** The k best entries, best first: `movies[j]` scored `scores[j]`. */
export interface TopMovies {
  readonly movies: Uint32Array;
  readonly scores: Float32Array;
}

/**
 * The k highest `scores[m]` over the movies with `eligible[m] === 1` (all movies when `eligible`
 * is null), best first. A size-k min-heap keeps it O(n log k) with no sort of the catalogue; ties
 * go to the lower index and NaN scores are skipped, so results are deterministic.
 */
export function topKMovies(scores: Float32Array, eligible: Uint8Array | null, k: number): TopMovies {
  const heap = new BoundedHeap(Math.max(0, Math.min(k, scores.length)));
  for (let m = 0; m < scores.length; m++) {
    if (eligible !== null && eligible[m] !== 1) continue;
    const s = scores[m]!;
    if (!Number.isNaN(s)) heap.offer(m, s);
  }
  return heap.drain();
}

/**
 * The k best of a candidate list: `scores[j]` belongs to `candidates[j]`. Used after ranking,
 * where the scores are aligned with the candidates rather than with the catalogue.
 */
export function topKOfCandidates(candidates: Uint32Array, scores: Float32Array, k: number): TopMovies {
  const heap = new BoundedHeap(Math.max(0, Math.min(k, candidates.length)));
  for (let j = 0; j < candidates.length; j++) {
    const s = scores[j]!;
    if (!Number.isNaN(s)) heap.offer(candidates[j]!, s);
  }
  return heap.drain();
}

/**
 * A bounded min-heap over (score, movie) in parallel typed arrays: the root is the worst kept
 * entry, so most candidates cost one comparison.
 */
class BoundedHeap {
  private readonly movies: Uint32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.movies = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  offer(movie: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      // Sift up.
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(score, movie, this.scores[parent]!, this.movies[parent]!)) break;
        this.movies[i] = this.movies[parent]!;
        this.scores[i] = this.scores[parent]!;
        i = parent;
      }
      this.movies[i] = movie;
      this.scores[i] = score;
    } else if (worse(this.scores[0]!, this.movies[0]!, score, movie)) {
      this.replaceRoot(movie, score);
    }
  }

  /** Empties the heap, best first. */
  drain(): TopMovies {
    const n = this.size;
    const movies = new Uint32Array(n);
    const scores = new Float32Array(n);
    for (let j = n - 1; j >= 0; j--) {
      movies[j] = this.movies[0]!;
      scores[j] = this.scores[0]!;
      this.size--;
      if (this.size > 0) this.replaceRoot(this.movies[this.size]!, this.scores[this.size]!);
    }
    return { movies, scores };
  }

  private replaceRoot(movie: number, score: number): void {
    const { movies, scores, size } = this;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && worse(scores[right]!, movies[right]!, scores[left]!, movies[left]!)) child = right;
      if (!worse(scores[child]!, movies[child]!, score, movie)) break;
      movies[i] = movies[child]!;
      scores[i] = scores[child]!;
      i = child;
    }
    movies[i] = movie;
    scores[i] = score;
  }
}

/** Is (scoreA, movieA) ranked below (scoreB, movieB)? Lower score, or equal score and higher index. */
function worse(scoreA: number, movieA: number, scoreB: number, movieB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && movieA > movieB);
}
