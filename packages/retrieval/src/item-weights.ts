import { TopKHeap } from '@reco/core';

/**
 * A sparse item x item weight matrix in CSR form: source item i pushes `weights[j]` onto
 * `neighbours[j]` for j in `offsets[i] .. offsets[i + 1] - 1`. A user's score for item j is
 *   s_j = Σ_{i ∈ items(u)} W[i, j],
 * which serves known users and folded-in users alike (item-kNN and RP3beta both score this way).
 */
export interface ItemWeights {
  readonly nItems: number;
  readonly offsets: Uint32Array;
  readonly neighbours: Uint32Array;
  readonly weights: Float32Array;
}

/**
 * Collects rows of W one source item at a time: the caller fills a dense accumulator for the
 * touched items, and `harvest` keeps the top k of that row and resets the accumulator, so memory
 * is O(nItems + nItems x k), never nItems².
 */
export class ItemWeightsBuilder {
  readonly acc: Float64Array;
  readonly touched: Uint32Array;
  touchedCount = 0;
  private readonly seen: Uint8Array;
  private readonly heap: TopKHeap;
  private readonly offsets: Uint32Array;
  private readonly neighbours: Uint32Array;
  private readonly weights: Float32Array;
  private filled = 0;

  constructor(
    readonly nItems: number,
    readonly k: number,
  ) {
    this.acc = new Float64Array(nItems);
    this.touched = new Uint32Array(nItems);
    this.seen = new Uint8Array(nItems);
    this.heap = new TopKHeap(k);
    this.offsets = new Uint32Array(nItems + 1);
    this.neighbours = new Uint32Array(nItems * k);
    this.weights = new Float32Array(nItems * k);
  }

  /** Adds `value` to the accumulator of item j (marks it touched). */
  add(j: number, value: number): void {
    if (this.seen[j] === 0) {
      this.seen[j] = 1;
      this.touched[this.touchedCount++] = j;
    }
    this.acc[j]! += value;
  }

  /**
   * Ends row i: each touched j != i gets weight acc[j] * scale[j] (scale omitted = 1), the k best
   * positive ones are kept, and the accumulator is cleared.
   */
  harvest(i: number, scale?: Float64Array): void {
    const { acc, touched, seen, heap } = this;
    for (let t = 0; t < this.touchedCount; t++) {
      const j = touched[t]!;
      const w = scale === undefined ? acc[j]! : acc[j]! * scale[j]!;
      if (j !== i && w > 0) heap.offer(j, w);
      acc[j] = 0;
      seen[j] = 0;
    }
    this.touchedCount = 0;
    const best = heap.drain();
    this.neighbours.set(best.items, this.filled);
    this.weights.set(best.scores, this.filled);
    this.filled += best.items.length;
    this.offsets[i + 1] = this.filled;
  }

  /** The finished matrix (rows not harvested are empty). */
  finish(): ItemWeights {
    for (let i = 1; i <= this.nItems; i++) {
      if (this.offsets[i]! < this.offsets[i - 1]!) this.offsets[i] = this.offsets[i - 1]!;
    }
    return {
      nItems: this.nItems,
      offsets: this.offsets,
      neighbours: this.neighbours.slice(0, this.filled),
      weights: this.weights.slice(0, this.filled),
    };
  }
}

/** s_j = Σ_{i ∈ items} W[i, j] into `out` (cleared first). */
export function scoreWithWeights(weights: ItemWeights, items: ArrayLike<number>, out: Float32Array): void {
  out.fill(0);
  const { offsets, neighbours, weights: w } = weights;
  for (let t = 0; t < items.length; t++) {
    const i = items[t]!;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) out[neighbours[j]!]! += w[j]!;
  }
}
