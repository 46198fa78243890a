/**
 * Partially sorts `keys[0..n)` (and `items` alongside) so that the k smallest keys come first, in
 * no particular order. Iterative quickselect with a median-of-three pivot: O(n) on average and no
 * allocation, which matters because heavy users run it over the whole catalog.
 */
export function selectSmallest(keys: Float64Array, items: Uint32Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi && k > lo && k <= hi) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot value.
    const a = keys[lo]!;
    const b = keys[mid]!;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), keys[hi]!));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const tk = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = tk;
        const ti = items[i]!;
        items[i] = items[j]!;
        items[j] = ti;
        i++;
        j--;
      }
    }
    // Now keys[lo..j] <= pivot <= keys[i..hi]; keep the side holding position k.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
