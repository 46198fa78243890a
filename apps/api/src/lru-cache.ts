/**
 * A bounded least-recently-used cache. A `Map` keeps insertion order, so re-inserting on every hit
 * moves the key to the young end and the first key is always the oldest: O(1) get and set with no
 * linked list of our own.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, V>();
  #hits = 0;
  #misses = 0;

  /** @param capacity Most entries kept; 0 turns the cache off (every `get` misses, `set` keeps nothing). */
  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 0)) {
      throw new RangeError(`LruCache capacity must be a whole number >= 0 (got ${capacity})`);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Hit and miss counts since creation, for the model endpoint and the benchmark. */
  get stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.capacity === 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.capacity) {
      // The first key in iteration order is the least recently used one.
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** The cached value, or computes, stores and returns it. Errors from `compute` are not cached. */
  getOrCompute(key: K, compute: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = compute();
    this.set(key, value);
    return value;
  }
}
