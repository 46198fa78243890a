import { parseGenres, splitTitle } from '../catalog';
import type { DetectedRelease } from '../layout';
import { FieldError, parseIntegerField, parseOptionalIntegerField, quote } from '../parse/fields';
import type { RowProblems } from '../problems';
import type { Movie } from '../types';
import { forEachRecord, readText } from './text-file';

/** ml-100k `u.item` genre flags, in file order (`u.genre`). "unknown" means no genre. */
export const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

/** Reads the movies file of a release into movies (imdbId/tmdbId come from links, if any). */
export function readMovies(release: DetectedRelease, problems: RowProblems): Movie[] {
  const file = release.files.movies;
  const movies: Movie[] = [];
  // Most movies share one of a few hundred genre strings: parse each once, share the array.
  const genreLists = new Map<string, string[]>();
  const genresOf = (field: string) => {
    let genres = genreLists.get(field);
    if (genres === undefined) {
      genres = parseGenres(field);
      genreLists.set(field, genres);
    }
    return genres;
  };
  const seen = new Map<number, number>();
  const add = (movie: Movie, line: number) => {
    const first = seen.get(movie.movieId);
    if (first !== undefined) {
      throw new FieldError(
        'movieId',
        `movieId ${movie.movieId} appears twice (first on line ${first})`,
        undefined,
        'duplicate-id',
      );
    }
    seen.set(movie.movieId, line);
    movies.push(movie);
  };

  if (release.layout === 'csv') {
    const fields = ['movieId', 'title', 'genres'];
    forEachRecord(
      readText(release.dir, file),
      { file, delimiter: ',', header: fields, fields, problems },
      ([id, rawTitle, genres], line) => {
        const movieId = parseIntegerField(id!, 'movieId');
        add(
          { movieId, ...splitTitle(rawTitle!), genres: genresOf(genres!), imdbId: null, tmdbId: null },
          line,
        );
      },
    );
  } else if (release.layout === 'dat') {
    // `MovieID::Title::Genres`; ml-1m is Latin-1, ml-10m UTF-8 (decodeText tells them apart).
    forEachRecord(
      readText(release.dir, file),
      { file, delimiter: '::', fields: ['movieId', 'title', 'genres'], freeText: 1, problems },
      ([id, rawTitle, genres], line) => {
        const movieId = parseIntegerField(id!, 'movieId');
        add(
          { movieId, ...splitTitle(rawTitle!), genres: genresOf(genres!), imdbId: null, tmdbId: null },
          line,
        );
      },
    );
  } else {
    // `movie id | title | release date | video release date | IMDb URL | 19 genre flags`, Latin-1.
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
          if (flag === '1' && genre !== 'unknown') genres.push(genre === "Children's" ? 'Children' : genre);
        });
        add(
          { movieId, ...splitTitle(values[1]!), genres, imdbId: imdbIdFromUrl(values[4]!), tmdbId: null },
          line,
        );
      },
    );
  }
  return movies;
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
