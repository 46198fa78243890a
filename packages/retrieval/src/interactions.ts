import { checkInteger, RetrievalError } from './errors';

/** Ratings in columnar form, as `@reco/data`'s `RatingsStore` holds them (pass `store.movie` as `item`). */
export interface RatingColumns {
  /** Dense user index per rating row. */
  readonly user: Uint32Array;
  /** Dense item index per rating row. */
  readonly item: Uint32Array;
  readonly rating: Float32Array;
  readonly nUsers: number;
  readonly nItems: number;
}

/**
 * A binary user x item interaction matrix in CSR form: user u interacted with
 * `items[offsets[u] .. offsets[u + 1] - 1]`, ascending without repeats. Plain data.
 */
export interface InteractionMatrix {
  /** The rule the matrix was built with: ratings >= this count, or null when every rating counts. */
  readonly likeThreshold: number | null;
  readonly nUsers: number;
  readonly nItems: number;
  readonly offsets: Uint32Array;
  readonly items: Uint32Array;
}

export interface BuildInteractionsOptions extends RatingColumns {
  /** Rows to use: the training rows only. Default every row. */
  readonly rows?: Uint32Array;
  /**
   * A rating counts as an interaction when it is >= this (implicit "like" feedback). Default
   * undefined: every rating counts, whatever its value (the signal is "the user watched it").
   */
  readonly likeThreshold?: number;
}

/**
 * Builds the interaction matrix from the selected rating rows in linear time (a counting sort by
 * user, then a per-user sort of a few hundred items). A repeated (user, item) pair counts once.
 */
export function buildInteractions(options: BuildInteractionsOptions): InteractionMatrix {
  const { user, item, rating, nUsers, nItems, rows, likeThreshold } = options;
  checkInteger(nUsers, 'nUsers', 0);
  checkInteger(nItems, 'nItems', 1);
  if (user.length !== item.length || user.length !== rating.length) {
    throw new RetrievalError(
      'invalid-input',
      `user, item and rating need one entry per row: got ${user.length}, ${item.length} and ${rating.length}`,
      { field: 'rating' },
    );
  }
  const n = rows === undefined ? user.length : rows.length;
  const keep = (row: number): boolean => likeThreshold === undefined || rating[row]! >= likeThreshold;
  const counts = new Uint32Array(nUsers + 1);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    checkRow(row, user, item, nUsers, nItems);
    if (keep(row)) counts[user[row]! + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) counts[u + 1]! += counts[u]!;
  const cursor = counts.slice(0, nUsers);
  const raw = new Uint32Array(counts[nUsers]!);
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    if (keep(row)) raw[cursor[user[row]!]!++] = item[row]!;
  }
  return { likeThreshold: likeThreshold ?? null, ...dedupe(nUsers, nItems, counts, raw) };
}

/** Sorts each user's slice and drops repeats, compacting into fresh arrays. */
function dedupe(
  nUsers: number,
  nItems: number,
  counts: Uint32Array,
  raw: Uint32Array,
): Omit<InteractionMatrix, 'likeThreshold'> {
  const offsets = new Uint32Array(nUsers + 1);
  let next = 0;
  for (let u = 0; u < nUsers; u++) {
    const slice = raw.subarray(counts[u]!, counts[u + 1]!).sort();
    for (let j = 0; j < slice.length; j++) if (j === 0 || slice[j] !== slice[j - 1]) raw[next++] = slice[j]!;
    offsets[u + 1] = next;
  }
  return { nUsers, nItems, offsets, items: raw.slice(0, next) };
}

function checkRow(row: number, user: Uint32Array, item: Uint32Array, nUsers: number, nItems: number): void {
  if (row >= user.length) {
    throw new RetrievalError('invalid-input', `row ${row} is outside the ${user.length} rating rows`, {
      field: 'rows',
    });
  }
  if (user[row]! >= nUsers) {
    throw new RetrievalError('invalid-input', `row ${row} has user ${user[row]}, but nUsers is ${nUsers}`, {
      field: 'user',
    });
  }
  if (item[row]! >= nItems) {
    throw new RetrievalError('invalid-input', `row ${row} has item ${item[row]}, but nItems is ${nItems}`, {
      field: 'item',
    });
  }
}

/** The transpose: for each item, the users who interacted with it (ascending). */
export function transposeInteractions(matrix: InteractionMatrix): {
  offsets: Uint32Array;
  users: Uint32Array;
} {
  const { nUsers, nItems, offsets, items } = matrix;
  const itemOffsets = new Uint32Array(nItems + 1);
  for (let j = 0; j < items.length; j++) itemOffsets[items[j]! + 1]!++;
  for (let i = 0; i < nItems; i++) itemOffsets[i + 1]! += itemOffsets[i]!;
  const cursor = itemOffsets.slice(0, nItems);
  const users = new Uint32Array(items.length);
  // Users are visited in order, so each item's user list comes out ascending.
  for (let u = 0; u < nUsers; u++) {
    for (let j = offsets[u]!; j < offsets[u + 1]!; j++) users[cursor[items[j]!]!++] = u;
  }
  return { offsets: itemOffsets, users };
}

/** Interactions per item (its column count). */
export function itemDegrees(matrix: InteractionMatrix): Uint32Array {
  const degrees = new Uint32Array(matrix.nItems);
  for (let j = 0; j < matrix.items.length; j++) degrees[matrix.items[j]!]!++;
  return degrees;
}

/** User u's items (a view, no copy). */
export function userItems(matrix: InteractionMatrix, u: number): Uint32Array {
  if (!Number.isInteger(u) || u < 0 || u >= matrix.nUsers) {
    throw new RetrievalError('unknown-user', `user ${u} is not in 0..${matrix.nUsers - 1}`, {
      field: 'user',
    });
  }
  return matrix.items.subarray(matrix.offsets[u]!, matrix.offsets[u + 1]!);
}

/**
 * A new user's items from (item, rating) pairs, for fold-in: the same rule as training (ratings
 * >= likeThreshold, or every rating without one), ascending without repeats.
 */
export function foldInItems(
  items: ArrayLike<number>,
  ratings: ArrayLike<number>,
  nItems: number,
  likeThreshold: number | null,
): Uint32Array {
  if (items.length !== ratings.length) {
    throw new RetrievalError(
      'invalid-input',
      `fold-in needs one rating per item: got ${items.length} items and ${ratings.length} ratings`,
      { field: 'ratings' },
    );
  }
  const kept: number[] = [];
  for (let t = 0; t < items.length; t++) {
    const i = items[t]!;
    if (!Number.isInteger(i) || i < 0 || i >= nItems) {
      throw new RetrievalError('invalid-input', `items[${t}] is ${i}, outside 0..${nItems - 1}`, {
        field: `items[${t}]`,
      });
    }
    if (likeThreshold === null || ratings[t]! >= likeThreshold) kept.push(i);
  }
  const sorted = Uint32Array.from(kept).sort();
  return sorted.filter((value, j) => j === 0 || value !== sorted[j - 1]);
}
