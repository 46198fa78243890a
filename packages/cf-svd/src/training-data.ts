import { CfError } from './errors';
import type { RatingScale, RatingsInput } from './types';

/** Checks a `RatingsInput` once, up front, so the hot loops can trust every index. Internal. */
export function validateRatings(where: string, input: RatingsInput): number {
  const { user, item, rating, rows, nUsers, nItems } = input;
  if (!Number.isInteger(nUsers) || nUsers < 1 || !Number.isInteger(nItems) || nItems < 1) {
    throw new CfError(
      'invalid-input',
      `${where}: nUsers and nItems must be positive integers (got ${nUsers}, ${nItems})`,
      { field: 'nUsers' },
    );
  }
  if (item.length !== user.length || rating.length !== user.length) {
    throw new CfError(
      'invalid-input',
      `${where}: user, item and rating must have equal length (got ${user.length}, ${item.length}, ${rating.length})`,
    );
  }
  const n = rows === undefined ? user.length : rows.length;
  for (let t = 0; t < n; t++) {
    const row = rows === undefined ? t : rows[t]!;
    if (row >= user.length) {
      throw new CfError(
        'invalid-input',
        `${where}: rows[${t}] = ${row} is past the end of the ratings (length ${user.length})`,
        { field: 'rows' },
      );
    }
    if (user[row]! >= nUsers)
      throw new CfError('invalid-input', `${where}: row ${row} has user ${user[row]} >= nUsers ${nUsers}`, {
        field: 'user',
      });
    if (item[row]! >= nItems)
      throw new CfError('invalid-input', `${where}: row ${row} has item ${item[row]} >= nItems ${nItems}`, {
        field: 'item',
      });
    if (!Number.isFinite(rating[row]!))
      throw new CfError('invalid-input', `${where}: row ${row} has rating ${rating[row]}`, {
        field: 'rating',
      });
  }
  return n;
}

/** Mean and range of the selected ratings (Float64 sum: 20M Float32 adds would drift). */
export function ratingStats(input: RatingsInput): { mean: number; scale: RatingScale } {
  const { rating, rows } = input;
  const n = rows === undefined ? rating.length : rows.length;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let t = 0; t < n; t++) {
    const r = rating[rows === undefined ? t : rows[t]!]!;
    sum += r;
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return { mean: n === 0 ? 0 : sum / n, scale: { min, max } };
}
