import { createRawRng } from '@reco/core';
import { checkInteger, RetrievalError } from './errors';

export interface TemporalHoldoutOptions {
  /** Dense user index per rating row. */
  readonly user: Uint32Array;
  /** Time of each rating row (any monotone unit). */
  readonly timestamp: ArrayLike<number>;
  readonly nUsers: number;
  /** Rows to split; default every row. */
  readonly rows?: Uint32Array;
  /** Share of each user's latest ratings held out. Default 0.2. */
  readonly fraction?: number;
  /** Breaks ties between ratings with equal timestamps. */
  readonly seed: number;
}

/** Training rows and held-out rows, each ascending. */
export interface RowsHoldout {
  readonly train: Uint32Array;
  readonly holdout: Uint32Array;
}

/**
 * The per-user temporal holdout: each user's latest round(fraction x n) ratings are held out,
 * keeping at least one for training (a user with one rating keeps it). Ties in time are broken
 * by a seeded shuffle, so the split is deterministic. Nest it (split `train` again) for an inner
 * holdout that tuning uses and the reported table never sees.
 */
export function temporalHoldout(options: TemporalHoldoutOptions): RowsHoldout {
  const { user, timestamp, nUsers, rows, fraction = 0.2, seed } = options;
  checkInteger(nUsers, 'nUsers', 0);
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RetrievalError('invalid-option', `fraction must be in [0, 1), got ${fraction}`, {
      field: 'fraction',
    });
  }
  const selected = rows ?? Uint32Array.from({ length: user.length }, (_, i) => i);
  const byUser = groupByUser(selected, user, nUsers);
  const rng = createRawRng(seed);
  const held = new Uint8Array(selected.length);
  for (let u = 0; u < nUsers; u++) {
    const start = byUser.offsets[u]!;
    const end = byUser.offsets[u + 1]!;
    const n = end - start;
    const out = Math.min(Math.round(fraction * n), n - 1);
    if (out <= 0) continue;
    const slice = byUser.order.subarray(start, end);
    rng.shuffle(slice);
    // Stable by time after a shuffle: equal timestamps end up in a seeded random order.
    const sorted = Array.from(slice).sort((a, b) => timestamp[selected[a]!]! - timestamp[selected[b]!]!);
    for (let t = n - out; t < n; t++) held[sorted[t]!] = 1;
  }
  return splitByMark(selected, held);
}

/** Positions into `rows`, grouped by user (counting sort), with per-user offsets. */
function groupByUser(
  rows: Uint32Array,
  user: Uint32Array,
  nUsers: number,
): { offsets: Uint32Array; order: Uint32Array } {
  const offsets = new Uint32Array(nUsers + 1);
  for (let t = 0; t < rows.length; t++) {
    const u = user[rows[t]!];
    if (u === undefined || u >= nUsers) {
      throw new RetrievalError(
        'invalid-input',
        `rows[${t}] = ${rows[t]} has no user below nUsers = ${nUsers}`,
        { field: 'rows' },
      );
    }
    offsets[u + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) offsets[u + 1]! += offsets[u]!;
  const cursor = offsets.slice(0, nUsers);
  const order = new Uint32Array(rows.length);
  for (let t = 0; t < rows.length; t++) order[cursor[user[rows[t]!]!]!++] = t;
  return { offsets, order };
}

export interface RandomHoldoutOptions {
  readonly user: Uint32Array;
  readonly nUsers: number;
  /** Rows to split; default every row. */
  readonly rows?: Uint32Array;
  /** Share of each user's ratings held out, chosen at random. Default 0.2. */
  readonly fraction?: number;
  readonly seed: number;
}

/**
 * The per-user random holdout: round(fraction x n) of each user's ratings, drawn by a seeded
 * shuffle, are held out (at least one kept for training). The temporal holdout asks "what next?";
 * this one asks "what else?", the protocol most published top-N tables use.
 */
export function randomHoldout(options: RandomHoldoutOptions): RowsHoldout {
  const { user, nUsers, rows, fraction = 0.2, seed } = options;
  checkInteger(nUsers, 'nUsers', 0);
  if (!(fraction >= 0 && fraction < 1)) {
    throw new RetrievalError('invalid-option', `fraction must be in [0, 1), got ${fraction}`, {
      field: 'fraction',
    });
  }
  const selected = rows ?? Uint32Array.from({ length: user.length }, (_, i) => i);
  const byUser = groupByUser(selected, user, nUsers);
  const rng = createRawRng(seed);
  const held = new Uint8Array(selected.length);
  for (let u = 0; u < nUsers; u++) {
    const start = byUser.offsets[u]!;
    const n = byUser.offsets[u + 1]! - start;
    const out = Math.min(Math.round(fraction * n), n - 1);
    if (out <= 0) continue;
    const slice = byUser.order.subarray(start, start + n);
    rng.shuffle(slice);
    for (let t = 0; t < out; t++) held[slice[t]!] = 1;
  }
  return splitByMark(selected, held);
}

function splitByMark(selected: Uint32Array, held: Uint8Array): RowsHoldout {
  let nHeld = 0;
  for (let t = 0; t < held.length; t++) nHeld += held[t]!;
  const train = new Uint32Array(selected.length - nHeld);
  const holdout = new Uint32Array(nHeld);
  let a = 0;
  let b = 0;
  for (let t = 0; t < selected.length; t++) {
    if (held[t] === 1) holdout[b++] = selected[t]!;
    else train[a++] = selected[t]!;
  }
  return { train: train.sort(), holdout: holdout.sort() };
}
