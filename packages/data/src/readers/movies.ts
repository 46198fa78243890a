import { CANONICAL_GENRES, normalizeGenre, parseGenres, splitTitle } from '../catalog';
import type { DetectedRelease } from '../layout';
import { FieldError, parseIntegerField, parseOptionalIntegerField, quote } from '../parse/fields';
import type { RowProblems } from '../problems';
import type { Movie } from '../types';
import { forEachRecord, readText } from './text-file';

/**
 * ml-100k `u.item` genre flags, in file order (`u.genre`): "unknown" (no genre), then the
 * canonical genres without IMAX, which ml-100k predates, and with its spelling "Children's".
 */
export const ML100K_GENRES: readonly string[] = [
  'unknown',
  ...CANONICAL_GENRES.filter((genre) => genre !== 'IMAX').map((genre) =>
    genre === 'Children' ? "Children's" : genre,
  ),
];

/** Adds a movie read from `line`; a movieId seen before is a FieldError. */
type AddMovie = (movie: Movie, line: number) => void;

/** Reads the movies file of a release into movies (imdbId/tmdbId come from links, if any). */
export function readMovies(release: DetectedRelease, problems: RowProblems): Movie[] {
  const movies: Movie[] = [];
  const firstLine = new Map<number, number>();
  const add: AddMovie = (movie, line) => {
    const first = firstLine.get(movie.movieId);
    if (first !== undefined) {
      throw new FieldError(
        'movieId',
        `movieId ${movie.movieId} appears twice (first on line ${first})`,
        undefined,
        'duplicate-id',
      );
    }
    firstLine.set(movie.movieId, line);
    movies.push(movie);
  };
  if (release.layout === 'csv' || release.layout === 'dat') readMovieLines(release, problems, add);
  else readItemFile(release, problems, add);
  return movies;
}

/**
 * `movies.csv` (`movieId,title,genres`, with a header) or `movies.dat` (`MovieID::Title::Genres`;
 * ml-1m is Latin-1, ml-10m UTF-8, and decodeText tells them apart).
 */
function readMovieLines(release: DetectedRelease, problems: RowProblems, add: AddMovie): void {
  const file = release.files.movies;
  const fields = ['movieId', 'title', 'genres'];
  const layout =
    release.layout === 'csv'
      ? ({ delimiter: ',', header: fields } as const)
      : ({ delimiter: '::', freeText: 1 } as const);
  // Most movies share one of a few hundred genre strings: parse each once, share the array.
  const genreLists = new Map<string, string[]>();
  forEachRecord(
    readText(release.dir, file),
    { file, fields, problems, ...layout },
    ([id, rawTitle, genreField], line) => {
      const movieId = parseIntegerField(id!, 'movieId');
      let genres = genreLists.get(genreField!);
      if (genres === undefined) {
        genres = parseGenres(genreField!);
        genreLists.set(genreField!, genres);
      }
      add({ movieId, ...splitTitle(rawTitle!), genres, imdbId: null, tmdbId: null }, line);
    },
  );
}

/** ml-100k `u.item`: `movie id | title | release date | video release date | IMDb URL | 19 genre flags`, Latin-1. */
function readItemFile(release: DetectedRelease, problems: RowProblems, add: AddMovie): void {
  const file = release.files.movies;
  const fields = ['movieId', 'title', 'releaseDate', 'videoReleaseDate', 'imdbUrl', ...ML100K_GENRES];
  forEachRecord(
    readText(release.dir, file, 'latin1'),
    { file, delimiter: '|', fields, problems },
    (values, line) => {
      const movieId = parseIntegerField(values[0]!, 'movieId');
      const genres: string[] = [];
      ML100K_GENRES.forEach((genre, g) => {
        const flag = values[5 + g]!;
        if (flag !== '0' && flag !== '1') {
          throw new FieldError(genre, `genre flag ${genre} ${quote(flag)} is not 0 or 1`);
        }
        if (flag === '1' && genre !== 'unknown') genres.push(normalizeGenre(genre));
      });
      add(
        { movieId, ...splitTitle(values[1]!), genres, imdbId: imdbIdFromUrl(values[4]!), tmdbId: null },
        line,
      );
    },
  );
}

/** ml-100k IMDb links are title searches; an id is only there when the URL holds `tt0114709`. */
function imdbIdFromUrl(url: string): string | null {
  return /tt(\d{7,})/.exec(url)?.[1] ?? null;
}

/** `links.csv`: movieId -> (imdbId, tmdbId). Links to movies missing from the catalog are invalid. */
export function readLinks(
  release: DetectedRelease,
  catalogIds: ReadonlySet<number>,
  problems: RowProblems,
): Map<number, { imdbId: string | null; tmdbId: number | null }> {
  const file = release.files.links!;
  const links = new Map<number, { imdbId: string | null; tmdbId: number | null }>();
  const fields = ['movieId', 'imdbId', 'tmdbId'];
  forEachRecord(
    readText(release.dir, file),
    { file, delimiter: ',', header: fields, fields, problems },
    ([id, imdb, tmdb]) => {
      const movieId = parseIntegerField(id!, 'movieId');
      if (!catalogIds.has(movieId)) {
        throw new FieldError(
          'movieId',
          `movieId ${movieId} is not in ${release.files.movies}`,
          undefined,
          'unknown-movie',
        );
      }
      if (links.has(movieId))
        throw new FieldError('movieId', `movieId ${movieId} has a second link`, undefined, 'duplicate-id');
      // The zero-padded form ("0114709") is the one IMDb URLs use, so it is kept as text.
      if (imdb !== '' && !/^\d+$/.test(imdb!))
        throw new FieldError('imdbId', `imdbId ${quote(imdb!)} is not a number`);
      const tmdbId = parseOptionalIntegerField(tmdb!, 'tmdbId');
      links.set(movieId, { imdbId: imdb === '' ? null : imdb!, tmdbId });
    },
  );
  return links;
}
