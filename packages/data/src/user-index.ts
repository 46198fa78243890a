import { idMapFromSorted } from './id-map';
import type { IdMap } from './types';

/** Above this id a presence table would be too large; ids are then sorted instead. */
const MAX_TABLE_ID = 1 << 26;

/**
 * Assigns dense user indices: the distinct ids of `userIds` plus `extraIds` (users known from a
 * users file who rated nothing), sorted ascending. Rewrites `userIds` in place into those indices
 * and returns the map. Two linear passes with a presence table, since MovieLens user ids are
 * compact; sorting 20M ids would take seconds.
 */
export function indexUsersInPlace(userIds: Uint32Array, extraIds: readonly number[]): IdMap {
  let max = -1;
  for (let i = 0; i < userIds.length; i++) if (userIds[i]! > max) max = userIds[i]!;
  for (const id of extraIds) if (id > max) max = id;

  if (max >= MAX_TABLE_ID) return indexSparse(userIds, extraIds);

  const table = new Int32Array(max + 1);
  for (let i = 0; i < userIds.length; i++) table[userIds[i]!] = 1;
  for (const id of extraIds) table[id] = 1;
  let size = 0;
  for (let id = 0; id <= max; id++) if (table[id] === 1) table[id] = ++size;
  const ids = new Int32Array(size);
  for (let id = 0; id <= max; id++) if (table[id]! > 0) ids[table[id]! - 1] = id;
  // table holds index + 1; the mapping loop subtracts it back.
  for (let i = 0; i < userIds.length; i++) userIds[i] = table[userIds[i]!]! - 1;
  return idMapFromSorted(ids);
}

function indexSparse(userIds: Uint32Array, extraIds: readonly number[]): IdMap {
  const all = new Uint32Array(userIds.length + extraIds.length);
  all.set(userIds);
  all.set(extraIds, userIds.length);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i]!;
  const ids = Int32Array.from(all.subarray(0, n));
  const map = idMapFromSorted(ids);
  for (let i = 0; i < userIds.length; i++) userIds[i] = map.indexOf(userIds[i]!);
  return map;
}
