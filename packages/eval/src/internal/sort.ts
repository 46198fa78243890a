/**
 * Ascending sorts for score columns. Metrics such as ROC AUC only need the scores of each class
 * in order, never a permutation, so we sort plain number arrays instead of index arrays or
 * objects. Float32 scores go through an LSD radix sort on their bit patterns (about 4-5x faster
 * than the built-in typed-array sort at 3M values); anything else uses the built-in sort.
 */

/** Below this size the built-in sort wins: a radix pass always touches all 2048 buckets. */
const RADIX_MIN_LENGTH = 1024;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/** Sorts float32 values ascending in place. NaN must have been rejected before. */
export function sortFloat32(values: Float32Array): void {
  if (values.length < RADIX_MIN_LENGTH) {
    values.sort();
    return;
  }
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  toSortableKeys(keys);
  radixSortUint32(keys);
  fromSortableKeys(keys);
}

/** Sorts float64 values ascending in place with the engine's numeric typed-array sort. */
export function sortFloat64(values: Float64Array): void {
  values.sort();
}

/**
 * Maps IEEE-754 float32 bits to unsigned keys with the same order: flip every bit of a negative
 * number (so larger magnitudes sort lower) and only the sign bit of a non-negative one.
 */
function toSortableKeys(keys: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const bits = keys[i]!;
    keys[i] = bits & 0x80000000 ? ~bits : bits | 0x80000000;
  }
}

function fromSortableKeys(keys: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    keys[i] = key & 0x80000000 ? key & 0x7fffffff : ~key;
  }
}

/** LSD radix sort, three 11-bit digits. A digit every key shares is skipped (common for scores in [0, 1]). */
function radixSortUint32(keys: Uint32Array): void {
  const n = keys.length;
  const counts = new Uint32Array(BUCKETS);
  let from: Uint32Array = keys;
  let to: Uint32Array = new Uint32Array(n);
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(from[i]! >>> shift) & DIGIT_MASK]!++;
    if (counts[(from[0]! >>> shift) & DIGIT_MASK] === n) continue;
    toBucketStarts(counts);
    for (let i = 0; i < n; i++) {
      const key = from[i]!;
      to[counts[(key >>> shift) & DIGIT_MASK]!++] = key;
    }
    const done = to;
    to = from;
    from = done;
  }
  if (from !== keys) keys.set(from);
}

/** Turns per-digit counts into the first output index of each digit (an exclusive prefix sum), in place. */
function toBucketStarts(counts: Uint32Array): void {
  let start = 0;
  for (let d = 0; d < BUCKETS; d++) {
    const count = counts[d]!;
    counts[d] = start;
    start += count;
  }
}

/** An ascending copy of a score column, in the same precision. */
export function sortedCopy(scores: Float32Array | Float64Array): Float32Array | Float64Array {
  if (scores instanceof Float32Array) {
    const copy = scores.slice();
    sortFloat32(copy);
    return copy;
  }
  const copy = scores.slice();
  sortFloat64(copy);
  return copy;
}

/**
 * Stable LSD radix sort of `order` (a permutation of row ids) by `keys[row]`, in place.
 * Used to group rows by item without an array of objects or a comparator closure.
 */
export function sortIndicesByKey(order: Uint32Array, keys: Uint32Array): void {
  const n = order.length;
  const counts = new Uint32Array(BUCKETS);
  let from: Uint32Array = order;
  let to: Uint32Array = new Uint32Array(n);
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[from[i]!]! >>> shift) & DIGIT_MASK]!++;
    if (n === 0 || counts[(keys[from[0]!]! >>> shift) & DIGIT_MASK] === n) continue;
    toBucketStarts(counts);
    for (let i = 0; i < n; i++) {
      const row = from[i]!;
      to[counts[(keys[row]! >>> shift) & DIGIT_MASK]!++] = row;
    }
    const done = to;
    to = from;
    from = done;
  }
  if (from !== order) order.set(from);
}
