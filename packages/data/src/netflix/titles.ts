import { FieldError, parseIntegerField, quote } from '../parse/fields';
import { type RowProblems, rejectRow } from '../problems';
import { readText } from '../readers/text-file';
import type { Movie } from '../types';

/**
 * Reads `movie_titles.csv`: `MovieID,YearOfRelease,Title`, no header, ISO-8859-1, the title
 * unquoted and free to hold commas (everything after the second comma), the year `NULL` when
 * unknown. Netflix has no genres, IMDb or TMDB ids.
 */
export function readMovieTitles(dir: string, file: string, problems: RowProblems): Movie[] {
  const text = readText(dir, file, 'latin1');
  const movies: Movie[] = [];
  const seen = new Set<number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (raw.trim() === '') continue;
    try {
      const first = raw.indexOf(',');
      const second = first < 0 ? -1 : raw.indexOf(',', first + 1);
      if (second < 0) throw new FieldError('', `expected MovieID,YearOfRelease,Title, found ${quote(raw)}`);
      const movieId = parseIntegerField(raw.slice(0, first), 'movieId');
      if (seen.has(movieId))
        throw new FieldError('movieId', `movieId ${movieId} appears twice`, undefined, 'duplicate-id');
      const yearText = raw.slice(first + 1, second);
      const year = yearText === 'NULL' || yearText === '' ? null : parseIntegerField(yearText, 'year', 9999);
      seen.add(movieId);
      movies.push({ movieId, title: raw.slice(second + 1), year, genres: [], imdbId: null, tmdbId: null });
    } catch (cause) {
      if (!(cause instanceof FieldError)) throw cause;
      rejectRow(problems, { file, line: i + 1, field: cause.field }, cause.message, cause.code);
    }
  }
  return movies;
}
