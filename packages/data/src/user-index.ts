import { idMapFromSorted } from './id-map';
import type { IdMap } from './types';

/** Above this id a presence table would be too large; ids are then sorted instead. */
const MAX_TABLE_ID = 1 << 26;

/** What `indexUsersInPlace` learnt about row order while it rewrote the user column. */
export interface RowOrderScan {
  /** Rows are non-decreasing by (user, movie). */
  readonly sorted: boolean;
  /** Some neighbouring rows repeat a (user, movie) pair (only meaningful when sorted). */
  readonly hasDuplicates: boolean;
  /** Rows per user, as CSR offsets (only meaningful when sorted). */
  readonly userOffsets: Uint32Array;
}

/**
 * Assigns dense user indices: the distinct ids of `userIds` plus `extraIds` (users known from a
 * users file who rated nothing), sorted ascending. Rewrites `userIds` in place into those indices
 * and returns the map.
 *
 * MovieLens user ids are compact, so this is a presence table rather than a sort (sorting 20M ids
 * takes seconds). The rewrite pass also checks row order and counts rows per user, which saves
 * the store builder two more passes over 20M rows when the file is already sorted, as the
 * MovieLens files are.
 */
export function indexUsersInPlace(
  userIds: Uint32Array,
  movies: Uint32Array,
  extraIds: readonly number[],
): { users: IdMap; scan: RowOrderScan } {
  const n = userIds.length;
  // Pass 1: mark ids present, growing the table as larger ids show up.
  let table: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
  for (let i = 0; i < n; i++) {
    const id = userIds[i]!;
    if (id >= table.length) {
      if (id >= MAX_TABLE_ID) return indexSparse(userIds, extraIds);
      table = grownTable(table, id);
    }
    table[id] = 1;
  }
  for (const id of extraIds) {
    if (id >= MAX_TABLE_ID) return indexSparse(userIds, extraIds);
    if (id >= table.length) table = grownTable(table, id);
    table[id] = 1;
  }
  let size = 0;
  for (let id = 0; id < table.length; id++) if (table[id] === 1) table[id] = ++size;
  const ids = new Int32Array(size);
  for (let id = 0; id < table.length; id++) if (table[id]! > 0) ids[table[id]! - 1] = id;

  // Pass 2: rewrite ids as indices (the table holds index + 1), check order, count per user.
  const userOffsets = new Uint32Array(size + 1);
  let sorted = true;
  let hasDuplicates = false;
  let previousUser = -1;
  let previousMovie = -1;
  for (let i = 0; i < n; i++) {
    const u = table[userIds[i]!]! - 1;
    const m = movies[i]!;
    userIds[i] = u;
    userOffsets[u + 1]!++;
    if (u < previousUser || (u === previousUser && m <= previousMovie)) {
      if (u === previousUser && m === previousMovie) hasDuplicates = true;
      else sorted = false;
    }
    previousUser = u;
    previousMovie = m;
  }
  for (let u = 0; u < size; u++) userOffsets[u + 1]! += userOffsets[u]!;
  return { users: idMapFromSorted(ids), scan: { sorted, hasDuplicates, userOffsets } };
}

function grownTable(table: Int32Array<ArrayBuffer>, id: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.min(MAX_TABLE_ID, Math.max(id + 1, table.length * 2)));
  next.set(table);
  return next;
}

function indexSparse(
  userIds: Uint32Array,
  extraIds: readonly number[],
): { users: IdMap; scan: RowOrderScan } {
  const all = new Uint32Array(userIds.length + extraIds.length);
  all.set(userIds);
  all.set(extraIds, userIds.length);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  const users = idMapFromSorted(Int32Array.from(all.subarray(0, n)));
  for (let i = 0; i < userIds.length; i++) userIds[i] = users.indexOf(userIds[i]!);
  // Rare path: the store builder scans the order itself.
  return { users, scan: { sorted: false, hasDuplicates: false, userOffsets: new Uint32Array(0) } };
}
