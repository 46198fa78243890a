import type { IdMap } from './types';

/**
 * Builds an `IdMap` from external ids. The ids are de-duplicated and sorted, so the dense index
 * of an id depends only on the set of ids, never on file order or parse chunking.
 *
 * Lookup is a dense `Int32Array` table when ids are compact (MovieLens ids are small positive
 * integers: the table for ml-25m's 209k movie ids is under 1 MB), and a `Map` otherwise.
 */
export function createIdMap(ids: ArrayLike<number>): IdMap {
  const sorted = Int32Array.from(ids).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  }
  const unique = sorted.slice(0, n);
  return idMapFromSorted(unique);
}

/** Wraps ids that are already unique and ascending (e.g. read back from a cache). */
export function idMapFromSorted(ids: Int32Array): IdMap {
  const size = ids.length;
  const min = size > 0 ? ids[0]! : 0;
  const max = size > 0 ? ids[size - 1]! : -1;
  if (size > 0 && min >= 0 && max < Math.max(1 << 16, size * 16)) {
    const table = new Int32Array(max + 1).fill(-1);
    for (let i = 0; i < size; i++) table[ids[i]!] = i;
    return {
      size,
      ids,
      indexOf: (id) => (Number.isInteger(id) && id >= 0 && id <= max ? table[id]! : -1),
    };
  }
  const map = new Map<number, number>();
  for (let i = 0; i < size; i++) map.set(ids[i]!, i);
  return { size, ids, indexOf: (id) => map.get(id) ?? -1 };
}
