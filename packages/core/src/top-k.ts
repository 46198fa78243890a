import { RecoError } from './errors';

/** The k best entries, best first: `items[j]` scored `scores[j]`. */
export interface TopK {
  readonly items: Uint32Array;
  readonly scores: Float32Array;
}

export interface TopKOptions {
  /** How many to keep. */
  readonly k: number;
  /** Items never returned (e.g. the ones the user already rated). */
  readonly exclude?: ArrayLike<number>;
  /** Only items with `eligible[item] === 1` are considered (default all). */
  readonly eligible?: Uint8Array;
  /** Consider only these items (default all). */
  readonly candidates?: ArrayLike<number>;
}

/**
 * The k highest `scores[item]`, best first, with a size-k min-heap: O(n log k), no sort of all n.
 * Ties go to the lower index and NaN scores are skipped, so results are deterministic.
 *
 * @example
 * topK(new Float32Array([0.1, 0.9, 0.5]), { k: 2 }); // { items: [1, 2], scores: [0.9, 0.5] }
 */
export function topK(scores: ArrayLike<number>, options: TopKOptions): TopK {
  const { k, exclude, eligible, candidates } = options;
  if (!Number.isInteger(k) || k < 0)
    throw new RecoError('invalid-option', `topK: k must be a non-negative integer (got ${k})`, {
      field: 'k',
    });
  const skip = exclude === undefined || exclude.length === 0 ? undefined : new Uint8Array(scores.length);
  if (skip !== undefined && exclude !== undefined) {
    for (let t = 0; t < exclude.length; t++) {
      const item = exclude[t]!;
      if (item >= 0 && item < scores.length) skip[item] = 1;
    }
  }
  const n = candidates === undefined ? scores.length : candidates.length;
  const heap = new TopKHeap(Math.min(k, n));
  if (candidates === undefined && skip === undefined) return topKDense(scores, eligible, heap);
  for (let t = 0; t < n; t++) {
    const item = candidates === undefined ? t : candidates[t]!;
    if (skip !== undefined && skip[item] === 1) continue;
    if (eligible !== undefined && eligible[item] !== 1) continue;
    const score = scores[item]!;
    if (!Number.isNaN(score)) heap.offer(item, score);
  }
  return heap.drain();
}

/**
 * topK over every item in index order (the serving case: a catalogue of scores, an eligibility
 * mask). Two phases: fill the heap with the first k eligible non-NaN items, then keep only items
 * strictly above the worst kept score (ties go to the lower index, which came first). The second
 * loop tests the score before the mask and needs no NaN test (NaN > t is false): one comparison
 * for almost every item, about 2.5x faster over a 27k-movie catalogue than one loop doing all.
 */
function topKDense(scores: ArrayLike<number>, eligible: Uint8Array | undefined, heap: TopKHeap): TopK {
  const n = scores.length;
  const k = heap.capacity;
  let item = 0;
  for (; item < n && heap.size < k; item++) {
    if (eligible !== undefined && eligible[item] !== 1) continue;
    const score = scores[item]!;
    if (!Number.isNaN(score)) heap.offer(item, score);
  }
  if (heap.size < k) return heap.drain();
  let threshold = heap.threshold;
  for (; item < n; item++) {
    const score = scores[item]!;
    if (!(score > threshold) || (eligible !== undefined && eligible[item] !== 1)) continue;
    heap.offer(item, score);
    threshold = heap.threshold;
  }
  return heap.drain();
}

/** The k best of a candidate list whose `scores[j]` belongs to `candidates[j]` (not to the catalogue). */
export function topKOfCandidates(candidates: ArrayLike<number>, scores: ArrayLike<number>, k: number): TopK {
  const heap = new TopKHeap(Math.max(0, Math.min(k, candidates.length)));
  for (let j = 0; j < candidates.length; j++) {
    const s = scores[j]!;
    if (!Number.isNaN(s)) heap.offer(candidates[j]!, s);
  }
  return heap.drain();
}

/**
 * A bounded min-heap over (score, item) in two parallel typed arrays: the root is the worst kept
 * entry, so most candidates cost one comparison. Reusable: `drain` empties it. Scores are kept
 * in f64 so ties are judged on the exact values offered.
 */
export class TopKHeap {
  private readonly items: Uint32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Uint32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The worst kept score, or -Infinity while the heap is not full (a cheap pre-filter for callers). */
  get threshold(): number {
    return this.count < this.capacity ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** Keeps (item, score) if it is among the best `capacity` offered so far. */
  offer(item: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.siftUp(this.count++, item, score);
    } else if (worse(this.scores[0]!, this.items[0]!, score, item)) {
      this.siftDown(item, score);
    }
  }

  /** Empties the heap into arrays ordered best first. */
  drain(): TopK {
    const n = this.count;
    const items = new Uint32Array(n);
    const scores = new Float32Array(n);
    for (let j = n - 1; j >= 0; j--) {
      items[j] = this.items[0]!;
      scores[j] = this.scores[0]!;
      this.count--;
      if (this.count > 0) this.siftDown(this.items[this.count]!, this.scores[this.count]!);
    }
    return { items, scores };
  }

  private siftUp(i: number, item: number, score: number): void {
    const { items, scores } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(score, item, scores[parent]!, items[parent]!)) break;
      items[i] = items[parent]!;
      scores[i] = scores[parent]!;
      i = parent;
    }
    items[i] = item;
    scores[i] = score;
  }

  /** Puts (item, score) at the root and sinks it to its place. */
  private siftDown(item: number, score: number): void {
    const { items, scores, count } = this;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= count) break;
      const right = left + 1;
      let child = left;
      if (right < count && worse(scores[right]!, items[right]!, scores[left]!, items[left]!)) child = right;
      if (!worse(scores[child]!, items[child]!, score, item)) break;
      items[i] = items[child]!;
      scores[i] = scores[child]!;
      i = child;
    }
    items[i] = item;
    scores[i] = score;
  }
}

/** Is (scoreA, itemA) ranked below (scoreB, itemB)? Lower score, or equal score and higher index. */
function worse(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && itemA > itemB);
}
