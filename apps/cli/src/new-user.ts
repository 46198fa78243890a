import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { NewUserRating } from '@reco/serving';
import { InvalidArgumentError } from 'commander';
import { CliError } from './cli-error';
import { checkPath } from './paths';

/** A rating on the MovieLens scale: 0.5 to 5. The library checks half stars and repeats. */
function ratingValue(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0.5 && n <= 5 ? n : null;
}

function movieIdValue(text: string): number | null {
  const n = Number(text);
  return /^\s*\d+\s*$/.test(text) && Number.isSafeInteger(n) ? n : null;
}

/** `--rate 1=5,260=4.5` as ratings; a malformed pair is a usage error naming it. */
export function parseRateList(value: string): NewUserRating[] {
  const pairs = value.split(',').filter((p) => p.trim() !== '');
  if (pairs.length === 0) throw new InvalidArgumentError('give at least one movieId=rating pair.');
  return pairs.map((pair) => {
    const [id, rating, extra] = pair.split('=');
    const movieId = movieIdValue(id ?? '');
    const value = rating === undefined ? null : ratingValue(rating);
    if (extra !== undefined || movieId === null || value === null) {
      throw new InvalidArgumentError(
        `"${pair}" is not movieId=rating with a rating from 0.5 to 5 (e.g. 1=5,260=4.5).`,
      );
    }
    return { movieId, rating: value };
  });
}

/**
 * A ratings file for `--ratings`: CSV with `movieId,rating` and optionally `timestamp` columns,
 * a header line optional (MovieLens' own ratings.csv, one user's rows, works). A bad line is an
 * error naming the file, line and field.
 */
export function readRatingsFile(path: string): NewUserRating[] {
  const abs = checkPath('--ratings', path, 'file');
  const lines = readFileSync(abs, 'utf8').split(/\r?\n/);
  const file = basename(abs);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const hasHeader = header.includes('movieId');
  const col = (name: string, fallback: number) => (hasHeader ? header.indexOf(name) : fallback);
  const [iMovie, iRating, iTime] = [col('movieId', 0), col('rating', 1), col('timestamp', 2)];
  if (hasHeader && iRating < 0) {
    throw new CliError('the header has movieId but no rating column', 1, { file, line: 1, field: 'rating' });
  }
  const ratings: NewUserRating[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '' || (hasHeader && i === 0)) return;
    const cells = text.split(',');
    const bad = (field: string, why: string) => new CliError(why, 1, { file, line: i + 1, field });
    const movieId = movieIdValue(cells[iMovie] ?? '');
    if (movieId === null) throw bad('movieId', `movieId "${cells[iMovie] ?? ''}" is not a movie id`);
    const rating = ratingValue(cells[iRating] ?? '');
    if (rating === null) throw bad('rating', `rating "${cells[iRating] ?? ''}" is not from 0.5 to 5`);
    const stamp = iTime >= 0 && cells[iTime] !== undefined ? Number(cells[iTime]) : undefined;
    if (stamp !== undefined && !Number.isFinite(stamp)) {
      throw bad('timestamp', `timestamp "${cells[iTime]}" is not Unix seconds`);
    }
    ratings.push(stamp === undefined ? { movieId, rating } : { movieId, rating, timestamp: stamp });
  });
  if (ratings.length === 0) throw new CliError('holds no ratings', 1, { file, field: 'rating' });
  return ratings;
}
