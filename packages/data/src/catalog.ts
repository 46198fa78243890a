import { DataError } from './errors';
import { idMapFromSorted } from './id-map';
import type { Catalog, Movie } from './types';

/**
 * The MovieLens genres in a fixed order: genre g of every catalog is bit g of `genreMask`, so
 * masks compare across releases. Genres outside this list are appended in order of appearance.
 */
export const CANONICAL_GENRES = [
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'IMAX',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

/** `genreMask` is a Uint32Array, so a catalog holds at most 32 distinct genres. */
const MAX_GENRES = 32;

/** The genre name as used in the vocabulary: ml-1m and ml-100k spell Children as "Children's". */
export function normalizeGenre(name: string): string {
  const trimmed = name.trim();
  return trimmed === "Children's" ? 'Children' : trimmed;
}

/** Splits a MovieLens `genres` field (`Adventure|Children`); `(no genres listed)` gives none. */
export function parseGenres(field: string): string[] {
  return uniqueGenres(field.split('|'));
}

/** The genres normalised, each once, in order; empty names and `(no genres listed)` are dropped. */
function uniqueGenres(names: Iterable<string>): string[] {
  const genres: string[] = [];
  for (const name of names) {
    const genre = normalizeGenre(name);
    if (genre === '' || genre === '(no genres listed)' || genres.includes(genre)) continue;
    genres.push(genre);
  }
  return genres;
}

const TRAILING_YEAR = /\(\s*(\d{4})\s*(?:[-–]\s*(?:\d{4})?\s*)?\)$/;

/**
 * Splits "Toy Story (1995)" into title and year. Also reads series years "(1995-2000)" and
 * "(2007-)", and ignores trailing spaces. Without a trailing year the title is kept whole.
 */
export function splitTitle(raw: string): { title: string; year: number | null } {
  const text = raw.trim();
  const match = TRAILING_YEAR.exec(text);
  if (match === null) return { title: text, year: null };
  const title = text.slice(0, match.index).trim();
  return { title: title === '' ? text : title, year: Number(match[1]) };
}

/** One movie for `createCatalog`. */
export interface MovieInput {
  readonly movieId: number;
  /** The title; when `year` is undefined, a trailing "(1995)" is split off into the year. */
  readonly title: string;
  readonly year?: number | null;
  readonly genres?: readonly string[];
  readonly imdbId?: string | null;
  readonly tmdbId?: number | null;
}

/**
 * Builds a `Catalog` from plain movie records, as the loader does: movies sorted by id (the
 * dense index order), genres normalised, the genre vocabulary built and masks set.
 *
 * @example
 * const catalog = createCatalog([{ movieId: 1, title: 'Toy Story (1995)', genres: ['Animation'] }]);
 * catalog.movies[0]; // { movieId: 1, title: 'Toy Story', year: 1995, genres: ['Animation'], ... }
 */
export function createCatalog(movies: readonly MovieInput[]): Catalog {
  return buildCatalog(
    movies.map((m) => {
      const { title, year } = m.year === undefined ? splitTitle(m.title) : { title: m.title, year: m.year };
      const genres = uniqueGenres(m.genres ?? []);
      return { movieId: m.movieId, title, year, genres, imdbId: m.imdbId ?? null, tmdbId: m.tmdbId ?? null };
    }),
  );
}

/**
 * Builds the catalog from movies already in final form. The genre vocabulary takes extra genres
 * in the order given; ids must be unique non-negative integers (the readers check this with line
 * numbers, so here it is a programming error).
 */
export function buildCatalog(movies: readonly Movie[]): Catalog {
  const genreNames: string[] = [...CANONICAL_GENRES];
  const genreIndex = new Map(genreNames.map((g, i) => [g, i]));
  for (const movie of movies) {
    for (const genre of movie.genres) {
      if (genreIndex.has(genre)) continue;
      if (genreNames.length === MAX_GENRES) {
        throw new DataError(
          'too-many-genres',
          `more than ${MAX_GENRES} distinct genres (at "${genre}"): genre masks are 32 bits`,
        );
      }
      genreIndex.set(genre, genreNames.length);
      genreNames.push(genre);
    }
  }

  // Movie files are sorted by id already; sort only when they are not.
  let inOrder = true;
  for (let i = 1; i < movies.length && inOrder; i++) inOrder = movies[i - 1]!.movieId < movies[i]!.movieId;
  const sorted = inOrder ? movies : [...movies].sort((a, b) => a.movieId - b.movieId);
  const ids = new Int32Array(sorted.length);
  const genreMask = new Uint32Array(sorted.length);
  const masks = new Map<readonly string[], number>();
  sorted.forEach((movie, i) => {
    if (!Number.isInteger(movie.movieId) || movie.movieId < 0 || movie.movieId > 0x7fffffff) {
      throw new DataError('bad-id', `movieId ${movie.movieId} is not a non-negative integer`);
    }
    if (i > 0 && movie.movieId === ids[i - 1])
      throw new DataError('duplicate-id', `movieId ${movie.movieId} appears twice`);
    ids[i] = movie.movieId;
    let mask = masks.get(movie.genres);
    if (mask === undefined) {
      mask = 0;
      for (const genre of movie.genres) mask |= 1 << genreIndex.get(genre)!;
      mask >>>= 0;
      masks.set(movie.genres, mask);
    }
    genreMask[i] = mask;
  });
  return { ids: idMapFromSorted(ids), movies: sorted, genreNames, genreMask };
}

/**
 * A dense lookup table movieId -> catalog index (-1 when absent), for the byte-level parsers.
 * MovieLens movie ids are compact (ml-25m's largest is 209171); sparse ids get an error here
 * rather than a giant table.
 */
export function movieIndexTable(catalog: Catalog): Int32Array {
  const ids = catalog.ids.ids;
  const maxId = ids.length > 0 ? ids[ids.length - 1]! : -1;
  if (maxId >= 1 << 26) {
    throw new DataError(
      'id-too-large',
      `movieId ${maxId} is too large for a lookup table (max ${(1 << 26) - 1})`,
    );
  }
  const table = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < ids.length; i++) table[ids[i]!] = i;
  return table;
}
