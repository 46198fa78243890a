import { CANONICAL_GENRES, type Catalog } from '@reco/data';

/**
 * The MovieLens genre vocabulary (ml-20m and later), in the order the feature columns use. Fixing
 * it, rather than taking whatever genres one release happens to contain, keeps feature names and
 * columns stable across releases, and makes sure the rare ones (IMAX, Film-Noir) are never dropped.
 */
export const MOVIELENS_GENRES: readonly string[] = CANONICAL_GENRES;

/** The pseudo-genre of movies with an empty genre list; it gets a one-hot column but no preference. */
export const NO_GENRES = '(no genres listed)';

/** Older releases spell some genres differently. */
const ALIASES: Readonly<Record<string, string>> = { "Children's": 'Children', unknown: NO_GENRES };

/**
 * Genres of every catalog movie mapped onto the feature vocabulary, as CSR lists: movie m's genre
 * columns are `index[start[m] .. start[m+1]-1]`. Lists beat bitmask scans in the per-row loops,
 * since most movies have 1-3 of ~20 genres.
 */
export interface MovieGenres {
  /** The feature genre vocabulary: MovieLens genres, then any extra genres of this catalog. */
  readonly names: readonly string[];
  readonly start: Uint32Array;
  readonly index: Uint8Array;
}

/** Maps the catalog's genre bits onto the fixed vocabulary (plus extras, appended in catalog order). */
export function mapMovieGenres(catalog: Pick<Catalog, 'genreNames' | 'genreMask'>): MovieGenres {
  const names = [...MOVIELENS_GENRES];
  const column = catalog.genreNames.map((raw) => {
    const name = ALIASES[raw] ?? raw;
    if (name === NO_GENRES) return -1;
    let c = names.indexOf(name);
    if (c < 0) c = names.push(name) - 1;
    return c;
  });
  return genresFromMasks(names, catalog.genreMask, column);
}

/** Rebuilds the genre lists from serialized vocabulary masks (bit c = vocabulary genre c). */
export function genresFromVocabularyMasks(names: readonly string[], masks: Uint32Array): MovieGenres {
  return genresFromMasks(
    names,
    masks,
    names.map((_, c) => c),
  );
}

/** Masks over the feature vocabulary (bit c = `names[c]`), the serializable form of `MovieGenres`. */
export function vocabularyMasks(genres: MovieGenres): Uint32Array {
  const nMovies = genres.start.length - 1;
  const masks = new Uint32Array(nMovies);
  for (let m = 0; m < nMovies; m++) {
    for (let k = genres.start[m]!; k < genres.start[m + 1]!; k++) masks[m]! |= 1 << genres.index[k]!;
  }
  return masks;
}

function genresFromMasks(
  names: readonly string[],
  masks: Uint32Array,
  column: readonly number[],
): MovieGenres {
  const nMovies = masks.length;
  const start = new Uint32Array(nMovies + 1);
  const lists: number[] = [];
  for (let m = 0; m < nMovies; m++) {
    const mask = masks[m]!;
    const seen = new Set<number>();
    for (let bit = 0; bit < column.length; bit++) {
      const c = column[bit]!;
      if ((mask >>> bit) & 1 && c >= 0 && !seen.has(c)) seen.add(c);
    }
    lists.push(...[...seen].sort((a, b) => a - b));
    start[m + 1] = lists.length;
  }
  return { names, start, index: Uint8Array.from(lists) };
}

/** `Sci-Fi` stays, `(no genres listed)` becomes `no_genres_listed`: safe in any model's feature names. */
export function featureSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '');
}
