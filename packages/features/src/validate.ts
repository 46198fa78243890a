import type { RatingsStore } from '@reco/data';
import { FeatureError } from './errors';

/** Ratings on MovieLens scales run from 0.5 to 5 stars, so a like threshold outside them is a typo. */
export function assertLikeThreshold(where: string, likeThreshold: number): void {
  if (!(Number.isFinite(likeThreshold) && likeThreshold >= 0.5 && likeThreshold <= 5)) {
    throw new FeatureError(
      'bad-option',
      `${where}: likeThreshold must be a rating between 0.5 and 5 (got ${likeThreshold}); ` +
        'a like is rating >= likeThreshold, 3.5 by default',
    );
  }
}

export function assertSeed(where: string, seed: number): void {
  if (!Number.isInteger(seed)) {
    throw new FeatureError('bad-option', `${where}: seed must be an integer (got ${seed})`);
  }
}

export function assertInteger(where: string, name: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new FeatureError(
      'bad-option',
      `${where}: ${name} must be an integer in ${min}..${max} (got ${value})`,
    );
  }
}

export function assertNonNegative(where: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new FeatureError('bad-option', `${where}: ${name} must be a finite number >= 0 (got ${value})`);
  }
}

export function assertNonEmptyStore(where: string, ratings: RatingsStore): void {
  if (ratings.length === 0) {
    throw new FeatureError(
      'empty-data',
      `${where}: the ratings store is empty; load a dataset with at least one rating`,
    );
  }
}

/**
 * Row index arrays (splits, `trainRows`) must be strictly ascending and inside the store: every
 * per-user pass relies on a user's rows being contiguous, which sorted rows of a (user, movie)-sorted
 * store guarantee.
 */
export function assertSortedRows(where: string, name: string, rows: Uint32Array, length: number): void {
  let previous = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r >= length) {
      throw new FeatureError(
        'bad-input',
        `${where}: ${name}[${i}] = ${r} is outside the ratings store (${length} rows); ` +
          'pass row indices from a split of this same store',
      );
    }
    if (r <= previous) {
      throw new FeatureError(
        'bad-input',
        `${where}: ${name} must be strictly ascending without duplicates (${name}[${i}] = ${r} after ${previous}); ` +
          'split functions return sorted rows, or sort with Uint32Array.prototype.sort',
      );
    }
    previous = r;
  }
}
