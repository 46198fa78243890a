import type { TagStore } from '@reco/data';
import { ServingError } from './errors';

/** Tags kept per movie: enough for "shares the tags …", small enough for a 20M catalogue. */
export const TAGS_PER_MOVIE = 12;

/**
 * Each movie's most-applied user tags (lower case, trimmed; ties by name), at most `perMovie`:
 * the tags "similar" can name as shared. Counts applications, so one user's idiosyncratic tag
 * ranks below a tag many people gave.
 */
export function topMovieTags(
  tags: TagStore | undefined,
  nMovies: number,
  perMovie: number = TAGS_PER_MOVIE,
): string[][] {
  const out: string[][] = Array.from({ length: nMovies }, () => []);
  if (tags === undefined || tags.length === 0) return out;
  const normalised = tags.vocabulary.map((t) => t.trim().toLowerCase());
  const counts: Map<string, number>[] = Array.from({ length: nMovies }, () => new Map());
  for (let i = 0; i < tags.length; i++) {
    const m = tags.movie[i]!;
    const name = normalised[tags.tag[i]!]!;
    if (m >= nMovies || name === '') continue;
    const movie = counts[m]!;
    movie.set(name, (movie.get(name) ?? 0) + 1);
  }
  for (let m = 0; m < nMovies; m++) {
    const movie = counts[m]!;
    if (movie.size === 0) continue;
    out[m] = [...movie]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, perMovie)
      .map(([name]) => name);
  }
  return out;
}

/** `data/movie-tags.json` back into per-movie lists, refusing anything but arrays of strings. */
export function movieTagsFromJson(value: unknown, nMovies: number, file: string): string[][] {
  const bad = (what: string): never => {
    throw new ServingError('bad-artifacts', `${file}: ${what}`, { file });
  };
  const record = value as { movies?: unknown } | null;
  if (typeof record !== 'object' || record === null || !Array.isArray(record.movies)) {
    return bad('expected { movies: string[][] }');
  }
  if (record.movies.length !== nMovies) {
    return bad(`holds ${record.movies.length} movies, the catalog ${nMovies}`);
  }
  return record.movies.map((list: unknown, m: number) => {
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) {
      return bad(`movies[${m}] must be a list of tag strings`);
    }
    return list as string[];
  });
}
