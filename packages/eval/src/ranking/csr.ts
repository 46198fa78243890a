import { EvaluationError } from '../errors';
import { sortIndicesByKey } from '../internal/sort';
import type { ItemLists, RankedLists, RelevanceSets } from './types';

/** Packs one ranked list per user (best first) into the CSR form. */
export function rankedLists(lists: ItemLists): RankedLists {
  const { offsets, items } = pack(lists, 'lists');
  return { offsets, items };
}

export interface RelevanceSetsOptions {
  /** A gain per item, aligned with `sets` (same shape), for graded NDCG. */
  readonly gains?: readonly (readonly number[])[];
}

/** Packs one set of relevant items per user into the CSR form, sorting each set (and its gains). */
export function relevanceSets(sets: ItemLists, options: RelevanceSetsOptions = {}): RelevanceSets {
  const { gains } = options;
  if (gains !== undefined) {
    if (gains.length !== sets.length) {
      throw new EvaluationError(
        'length-mismatch',
        `gains has ${gains.length} users but sets has ${sets.length}; give one gain array per user`,
      );
    }
    sets.forEach((set, user) => {
      if (gains[user]!.length !== set.length) {
        throw new EvaluationError(
          'length-mismatch',
          `user ${user} has ${set.length} relevant items but ${gains[user]!.length} gains`,
        );
      }
    });
  }
  // Small input: sorting per user through an index array is clear and fast enough here.
  const orders = sets.map((set) => set.map((_, i) => i).sort((a, b) => set[a]! - set[b]!));
  const { offsets, items } = pack(
    sets.map((set, user) => orders[user]!.map((i) => set[i]!)),
    'sets',
  );
  const result: RelevanceSets =
    gains === undefined
      ? { offsets, items }
      : {
          offsets,
          items,
          gains: Float64Array.from(orders.flatMap((order, user) => order.map((i) => gains[user]![i]!))),
        };
  assertRelevanceSets(result);
  return result;
}

export interface RelevanceFromRatingsOptions {
  /** Dense user index per rating row. */
  readonly user: Uint32Array;
  /** Dense item (movie) index per rating row. */
  readonly item: Uint32Array;
  readonly rating: Float32Array | Float64Array;
  /** Number of users; the result has `users + 1` offsets. */
  readonly users: number;
  /** The held-out rows to use, e.g. the test split's row indices. Default: every row. */
  readonly rows?: Uint32Array;
  /** A held-out item is relevant when its rating is >= this. Default 3.5 (a "like"). */
  readonly likeThreshold?: number;
}

/**
 * The relevance definition of this project: an item is relevant to a user when it is held out
 * (in `rows`) and the user liked it (rating >= likeThreshold). Gains are the ratings, for
 * graded NDCG. Runs in linear time: a radix sort by item, then a stable bucket pass by user,
 * leaves every user's items ascending.
 */
export function relevanceFromRatings(options: RelevanceFromRatingsOptions): RelevanceSets {
  const { user, item, rating, users, rows, likeThreshold = 3.5 } = options;
  if (user.length !== item.length || user.length !== rating.length) {
    throw new EvaluationError(
      'length-mismatch',
      `user, item and rating must have one entry per row: got ${user.length}, ${item.length} and ${rating.length}`,
    );
  }
  if (!Number.isInteger(users) || users < 0) {
    throw new EvaluationError('invalid-option', `users must be a whole number >= 0, got ${users}`);
  }
  if (!Number.isFinite(likeThreshold)) {
    throw new EvaluationError(
      'invalid-option',
      `likeThreshold must be a finite number, got ${likeThreshold}`,
    );
  }
  const candidates = rows ?? identity(user.length);
  let liked = 0;
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!;
    if (row >= user.length) {
      throw new EvaluationError(
        'invalid-structure',
        `rows[${i}] is ${row}, but there are only ${user.length} rating rows`,
      );
    }
    if (user[row]! >= users) {
      throw new EvaluationError(
        'invalid-structure',
        `row ${row} has user ${user[row]}, but users is ${users}`,
      );
    }
    const value = rating[row]!;
    // biome-ignore lint/suspicious/noSelfCompare: NaN test; a NaN rating would silently count as not liked
    if (value !== value) throw new EvaluationError('invalid-score', `rating[${row}] is NaN`);
    if (value >= likeThreshold) liked++;
  }
  const order = new Uint32Array(liked);
  let next = 0;
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!;
    if (rating[row]! >= likeThreshold) order[next++] = row;
  }
  sortIndicesByKey(order, item);

  const offsets = new Uint32Array(users + 1);
  for (let i = 0; i < liked; i++) offsets[user[order[i]!]! + 1]!++;
  for (let u = 0; u < users; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, users);
  const items = new Uint32Array(liked);
  const gains = new Float64Array(liked);
  // Rows arrive in item order, so each user's slice fills in ascending item order.
  for (let i = 0; i < liked; i++) {
    const row = order[i]!;
    const at = cursor[user[row]!]!++;
    items[at] = item[row]!;
    gains[at] = rating[row]!;
  }
  const result: RelevanceSets = { offsets, items, gains };
  assertRelevanceSets(result);
  return result;
}

/** Checks the CSR invariants every ranking metric relies on. */
export function assertCsr(name: string, offsets: Uint32Array, items: Uint32Array): void {
  if (offsets.length === 0) {
    throw new EvaluationError(
      'invalid-structure',
      `${name}.offsets is empty; it needs users + 1 entries, starting at 0`,
    );
  }
  if (offsets[0] !== 0) {
    throw new EvaluationError('invalid-structure', `${name}.offsets[0] is ${offsets[0]}, but it must be 0`);
  }
  for (let u = 1; u < offsets.length; u++) {
    if (offsets[u]! < offsets[u - 1]!) {
      throw new EvaluationError(
        'invalid-structure',
        `${name}.offsets decreases at user ${u - 1}: ${offsets[u - 1]} then ${offsets[u]}`,
      );
    }
  }
  const end = offsets[offsets.length - 1]!;
  if (end !== items.length) {
    throw new EvaluationError(
      'invalid-structure',
      `${name}.offsets ends at ${end}, but ${name}.items has ${items.length} entries`,
    );
  }
}

/** Checks relevance sets: valid CSR, strictly ascending items per user, and positive finite gains. */
export function assertRelevanceSets(relevance: RelevanceSets): void {
  const { offsets, items, gains } = relevance;
  assertCsr('relevance', offsets, items);
  for (let u = 0; u + 1 < offsets.length; u++) {
    for (let j = offsets[u]! + 1; j < offsets[u + 1]!; j++) {
      if (items[j]! <= items[j - 1]!) {
        throw new EvaluationError(
          'invalid-structure',
          `relevance items of user ${u} must be ascending without repeats, but ${items[j - 1]} is followed by ${items[j]}`,
        );
      }
    }
  }
  if (gains === undefined) return;
  if (gains.length !== items.length) {
    throw new EvaluationError(
      'length-mismatch',
      `relevance.gains has ${gains.length} entries but relevance.items has ${items.length}`,
    );
  }
  for (let j = 0; j < gains.length; j++) {
    const gain = gains[j]!;
    if (!(gain > 0 && gain < Number.POSITIVE_INFINITY)) {
      throw new EvaluationError(
        'invalid-structure',
        `relevance.gains[${j}] is ${gain}, but gains must be finite and > 0`,
      );
    }
  }
}

function pack(lists: ItemLists, name: string): { offsets: Uint32Array; items: Uint32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, user) => {
    offsets[user + 1] = offsets[user]! + list.length;
  });
  const items = new Uint32Array(offsets[lists.length]!);
  lists.forEach((list, user) => {
    list.forEach((item, rank) => {
      if (!Number.isInteger(item) || item < 0 || item > 0xffffffff) {
        throw new EvaluationError(
          'invalid-structure',
          `${name}[${user}][${rank}] is ${item}, but items must be whole numbers in 0..2^32-1`,
        );
      }
      items[offsets[user]! + rank] = item;
    });
  });
  return { offsets, items };
}

function identity(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
