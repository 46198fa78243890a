/**
 * Ratings as parsed, before user ids become dense indices: four growable columns. Movies are
 * already dense catalog indices (the catalog is loaded first), users are still external ids.
 */
export interface RawRatings {
  userId: Uint32Array;
  movie: Uint32Array;
  rating: Float32Array;
  timestamp: Uint32Array;
  /** Rows filled; the columns' capacity may be larger. */
  length: number;
}

export function createRawRatings(capacity: number): RawRatings {
  const cap = Math.max(16, Math.ceil(capacity));
  return {
    userId: new Uint32Array(cap),
    movie: new Uint32Array(cap),
    rating: new Float32Array(cap),
    timestamp: new Uint32Array(cap),
    length: 0,
  };
}

/** Grows the columns to hold at least `capacity` rows, one column at a time to limit the peak. */
export function growRawRatings(raw: RawRatings, capacity: number): void {
  if (capacity <= raw.userId.length) return;
  raw.userId = grownColumn(raw.userId, capacity, raw.length);
  raw.movie = grownColumn(raw.movie, capacity, raw.length);
  raw.rating = grownColumn(raw.rating, capacity, raw.length);
  raw.timestamp = grownColumn(raw.timestamp, capacity, raw.length);
}

/** A column of `capacity` rows holding the first `length` rows of `column`. */
export function grownColumn<T extends Uint32Array | Float32Array>(
  column: T,
  capacity: number,
  length: number,
): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column.subarray(0, length));
  return next;
}

/**
 * The filled part of each column. A small slack is left in place as a view; a large one (an
 * over-estimated capacity) is copied away so the store does not pin unused memory.
 */
export function trimRawRatings(raw: RawRatings): RawRatings {
  const n = raw.length;
  const slack = raw.userId.length - n;
  // Untouched slack costs address space, not memory; only a large one is worth a copy.
  const copy = slack > 1024 && slack > n / 2;
  const cut = <T extends Uint32Array | Float32Array>(c: T): T =>
    (copy ? c.slice(0, n) : c.subarray(0, n)) as T;
  return {
    userId: cut(raw.userId),
    movie: cut(raw.movie),
    rating: cut(raw.rating),
    timestamp: cut(raw.timestamp),
    length: n,
  };
}
