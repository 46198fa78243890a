import { CfError } from './errors';

/** The k best entries, best first: `items[j]` scored `scores[j]`. */
export interface TopK {
  readonly items: Uint32Array;
  readonly scores: Float32Array;
}

export interface TopKItemsOptions {
  /** How many to keep. */
  readonly k: number;
  /** Items never returned (e.g. the ones the user already rated). */
  readonly exclude?: ArrayLike<number>;
  /** Consider only these items (default all). */
  readonly candidates?: ArrayLike<number>;
}

/**
 * The k highest scores with a size-k min-heap: O(n log k) and no sort of all n scores. Ties go to
 * the lower index, so results are deterministic. NaN scores are skipped.
 */
export function topKItems(scores: Float32Array, options: TopKItemsOptions): TopK {
  const { k, exclude, candidates } = options;
  if (!Number.isInteger(k) || k < 0)
    throw new CfError(`topKItems: k must be a non-negative integer (got ${k})`);
  const skip = exclude === undefined || exclude.length === 0 ? undefined : new Uint8Array(scores.length);
  if (skip !== undefined && exclude !== undefined) {
    for (let t = 0; t < exclude.length; t++) {
      const item = exclude[t]!;
      if (item >= 0 && item < scores.length) skip[item] = 1;
    }
  }
  const heap = new MinHeap(Math.min(k, candidates?.length ?? scores.length));
  const n = candidates === undefined ? scores.length : candidates.length;
  for (let t = 0; t < n; t++) {
    const item = candidates === undefined ? t : candidates[t]!;
    if (skip !== undefined && skip[item] === 1) continue;
    const score = scores[item]!;
    if (!Number.isNaN(score)) heap.offer(item, score);
  }
  return heap.drainDescending();
}

/**
 * A bounded min-heap over (score, item) in two parallel typed arrays: the root is the worst kept
 * entry, so a new candidate costs one comparison unless it beats it. Internal.
 */
export class MinHeap {
  private readonly heapItems: Uint32Array;
  private readonly heapScores: Float64Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.heapItems = new Uint32Array(capacity);
    this.heapScores = new Float64Array(capacity);
  }

  /** Keeps (item, score) if it is among the best `capacity` seen so far. */
  offer(item: number, score: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      this.heapItems[this.size] = item;
      this.heapScores[this.size] = score;
      this.siftUp(this.size++);
    } else if (worse(this.heapScores[0]!, this.heapItems[0]!, score, item)) {
      this.heapItems[0] = item;
      this.heapScores[0] = score;
      this.siftDown(0);
    }
  }

  /** Empties the heap into arrays ordered best first. */
  drainDescending(): TopK {
    const n = this.size;
    const items = new Uint32Array(n);
    const scores = new Float32Array(n);
    for (let j = n - 1; j >= 0; j--) {
      items[j] = this.heapItems[0]!;
      scores[j] = this.heapScores[0]!;
      this.size--;
      this.heapItems[0] = this.heapItems[this.size]!;
      this.heapScores[0] = this.heapScores[this.size]!;
      this.siftDown(0);
    }
    return { items, scores };
  }

  private siftUp(index: number): void {
    const { heapItems: items, heapScores: scores } = this;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!worse(scores[index]!, items[index]!, scores[parent]!, items[parent]!)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const { heapItems: items, heapScores: scores } = this;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.size) return;
      const right = left + 1;
      let worst = left;
      if (right < this.size && worse(scores[right]!, items[right]!, scores[left]!, items[left]!))
        worst = right;
      if (!worse(scores[worst]!, items[worst]!, scores[index]!, items[index]!)) return;
      this.swap(index, worst);
      index = worst;
    }
  }

  private swap(a: number, b: number): void {
    const { heapItems: items, heapScores: scores } = this;
    const item = items[a]!;
    items[a] = items[b]!;
    items[b] = item;
    const score = scores[a]!;
    scores[a] = scores[b]!;
    scores[b] = score;
  }
}

/** Is (scoreA, itemA) ranked below (scoreB, itemB)? Lower score, or equal score and higher index. */
function worse(scoreA: number, itemA: number, scoreB: number, itemB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && itemA > itemB);
}
