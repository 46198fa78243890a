import { FieldError, parseIntegerField, quote } from '../parse/fields';
import { type RowProblems, rejectRow } from '../problems';
import { readText } from '../readers/text-file';
import type { IdMap, NetflixQualifying, RatingsStore } from '../types';
import { parseDate } from './ratings-file';

/** Visits the lines of a `MovieID:`-block file with the movie of each block, as FieldErrors become row problems. */
function forEachBlockLine(
  text: string,
  file: string,
  movieTable: Int32Array,
  problems: RowProblems,
  visit: (fields: string[], movie: number) => void,
): void {
  const lines = text.split('\n');
  let movie = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line.trim() === '') continue;
    try {
      if (line.endsWith(':')) {
        const movieId = parseIntegerField(line.slice(0, -1), 'movieId');
        movie = movieId < movieTable.length ? movieTable[movieId]! : -2;
        if (movie < 0) {
          movie = -2;
          throw new FieldError(
            'movieId',
            `MovieID ${movieId} is not in movie_titles.csv`,
            undefined,
            'unknown-movie',
          );
        }
        continue;
      }
      if (movie === -2)
        throw new FieldError(
          'movieId',
          'the line is in the block of an unknown MovieID',
          undefined,
          'unknown-movie',
        );
      if (movie < 0) throw new FieldError('', `${quote(line)} comes before the first "MovieID:" line`);
      visit(line.split(','), movie);
    } catch (cause) {
      if (!(cause instanceof FieldError)) throw cause;
      rejectRow(problems, { file, line: i + 1, field: cause.field }, cause.message, cause.code);
    }
  }
}

/**
 * Reads `probe.txt` (`MovieID:` blocks of `CustomerID` lines) into the store rows it names, sorted
 * ascending: the Netflix Prize's own test part. Every probe pair is also in the training files.
 */
export function readProbe(
  dir: string,
  file: string,
  context: { ratings: RatingsStore; users: IdMap; movieTable: Int32Array; problems: RowProblems },
): Uint32Array {
  const { ratings, users, movieTable, problems } = context;
  const rows: number[] = [];
  forEachBlockLine(readText(dir, file, 'latin1'), file, movieTable, problems, (fields, movie) => {
    if (fields.length !== 1)
      throw new FieldError('', `expected one CustomerID, found ${fields.length} fields`);
    const customerId = parseIntegerField(fields[0]!, 'customerId');
    const row = findRow(ratings, users.indexOf(customerId), movie);
    if (row < 0) {
      throw new FieldError(
        'customerId',
        `customer ${customerId} has no rating of this movie`,
        undefined,
        'unknown-rating',
      );
    }
    rows.push(row);
  });
  return Uint32Array.from(rows).sort();
}

/** Reads `qualifying.txt` (`MovieID:` blocks of `CustomerID,Date` lines): pairs with hidden ratings. */
export function readQualifying(
  dir: string,
  file: string,
  context: { movieTable: Int32Array; problems: RowProblems },
): NetflixQualifying {
  const userId: number[] = [];
  const movies: number[] = [];
  const timestamps: number[] = [];
  forEachBlockLine(
    readText(dir, file, 'latin1'),
    file,
    context.movieTable,
    context.problems,
    (fields, movie) => {
      if (fields.length !== 2)
        throw new FieldError('', `expected CustomerID,Date, found ${fields.length} fields`);
      userId.push(parseIntegerField(fields[0]!, 'customerId'));
      timestamps.push(parseDate(fields[1]!));
      movies.push(movie);
    },
  );
  return {
    length: userId.length,
    userId: Uint32Array.from(userId),
    movie: Uint32Array.from(movies),
    timestamp: Uint32Array.from(timestamps),
  };
}

/** The row of (user, movie) in a (user, movie)-sorted store, or -1: a binary search in the user's rows. */
function findRow(ratings: RatingsStore, user: number, movie: number): number {
  if (user < 0) return -1;
  let lo = ratings.userOffsets[user]!;
  let hi = ratings.userOffsets[user + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ratings.movie[mid]! < movie) lo = mid + 1;
    else hi = mid;
  }
  return lo < ratings.userOffsets[user + 1]! && ratings.movie[lo] === movie ? lo : -1;
}
