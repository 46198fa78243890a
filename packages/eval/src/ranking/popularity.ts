import { EvaluationError } from '../errors';
import { assertK } from '../internal/validate';
import { assertCsr, rankedLists } from './csr';
import type { ItemLists, RankedLists } from './types';

export interface ItemPopularityOptions {
  /** Dense item index per rating row. */
  readonly item: Uint32Array;
  /** Number of items in the catalogue; the result has one count per item. */
  readonly nItems: number;
  /** The rows to count, e.g. the training rows. Default: every row. */
  readonly rows?: Uint32Array;
}

/** Interactions per item over `rows` (the training rows): the popularity that bias is measured in. */
export function itemPopularity(options: ItemPopularityOptions): Float64Array {
  const { item, nItems, rows } = options;
  if (!Number.isInteger(nItems) || nItems < 1) {
    throw new EvaluationError('invalid-option', `nItems must be a whole number >= 1, got ${nItems}`, {
      field: 'nItems',
    });
  }
  const counts = new Float64Array(nItems);
  const n = rows === undefined ? item.length : rows.length;
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    const i = item[row];
    if (i === undefined || i >= nItems) {
      throw new EvaluationError(
        'invalid-structure',
        i === undefined
          ? `rows[${t}] is ${row}, but there are only ${item.length} rating rows`
          : `item[${row}] is ${i}, outside a catalogue of ${nItems} items`,
        { field: 'item' },
      );
    }
    counts[i]!++;
  }
  return counts;
}

export interface MeanPopularityOptions {
  /** Cutoff: only the first k items of each list count. Default 10. */
  readonly k?: number;
  /** A popularity value per catalogue item, e.g. `itemPopularity` of the training rows. */
  readonly popularity: Float64Array | Float32Array | Uint32Array;
}

/**
 * Popularity bias of a recommender: the mean popularity of the items it shows,
 *   (1 / Σ_u |L_u|) · Σ_u Σ_{i ∈ L_u} popularity[i],
 * over the top-k lists L_u of every user. A most-popular list maximises it; a personalised model
 * that reaches into the long tail scores lower. Throws when no list holds any item.
 */
export function meanPopularity(lists: RankedLists | ItemLists, options: MeanPopularityOptions): number {
  const { k = 10, popularity } = options;
  assertK(k);
  const ranked = Array.isArray(lists) ? rankedLists(lists as ItemLists) : (lists as RankedLists);
  assertCsr('lists', ranked.offsets, ranked.items);
  const { offsets, items } = ranked;
  let sum = 0;
  let count = 0;
  for (let u = 0; u + 1 < offsets.length; u++) {
    const start = offsets[u]!;
    const stop = Math.min(offsets[u + 1]!, start + k);
    for (let j = start; j < stop; j++) {
      const value = popularity[items[j]!];
      if (value === undefined) {
        throw new EvaluationError(
          'invalid-structure',
          `lists.items[${j}] is ${items[j]}, but popularity has only ${popularity.length} items`,
          { field: 'popularity' },
        );
      }
      sum += value;
      count++;
    }
  }
  if (count === 0) {
    throw new EvaluationError('undefined-metric', 'every list is empty, so mean popularity is undefined');
  }
  return sum / count;
}
