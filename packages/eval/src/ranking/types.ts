/**
 * Ranked recommendation lists, one per user, in CSR layout: user u's list is
 * `items[offsets[u] .. offsets[u + 1] - 1]`, best first. `offsets.length` is users + 1.
 * One flat array for all users keeps 100k users' lists in two allocations.
 */
export interface RankedLists {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
}

/**
 * The relevant items of each user in the same CSR layout, ascending and without repeats within a
 * user (so membership is a binary search). `gains` optionally grades each entry of `items`
 * (e.g. the held-out rating) for graded NDCG; every gain must be > 0.
 */
export interface RelevanceSets {
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
  readonly gains?: Float32Array | Float64Array;
}

/** The small-input form: one array of item ids per user. */
export type ItemLists = readonly (readonly number[])[];
