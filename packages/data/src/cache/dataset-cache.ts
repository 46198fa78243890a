import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildCatalog } from '../catalog';
import { idMapFromSorted } from '../id-map';
import { userOffsetsOf } from '../ratings-store';
import type {
  Catalog,
  Dataset,
  Demographics,
  Genome,
  LoadReport,
  Movie,
  RatingsStore,
  TagStore,
} from '../types';
import { readTable, type TableFileInfo, writeTable } from './arrow-table';
import type { FileFingerprint } from './fingerprint';

/** Bump when the cache layout or the meaning of any column changes: old caches are then rebuilt. */
export const CACHE_VERSION = 2;
const MANIFEST = 'manifest.json';

/** Everything a cached dataset depends on. A cache is used only when this is equal. */
export interface CacheKey {
  readonly version: number;
  readonly layout: Dataset['layout'];
  readonly files: readonly FileFingerprint[];
  /** Load options that change the result. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** The report fields that describe the data rather than this particular load. */
export type CachedReport = Omit<LoadReport, 'fromCache' | 'seconds' | 'notes'>;

interface Manifest {
  readonly format: 'reco-data-cache';
  readonly key: CacheKey;
  readonly report: CachedReport;
  readonly counts: {
    readonly ratings: number;
    readonly users: number;
    readonly movies: number;
    readonly tags: number | null;
    readonly tagVocabulary: number | null;
    readonly genomeMovies: number | null;
    readonly genomeTags: number | null;
    readonly probe?: number | null;
    readonly qualifying?: number | null;
  };
  readonly genreNames: readonly string[];
  readonly occupations: readonly string[] | null;
  readonly files: Readonly<Record<string, TableFileInfo>>;
}

const RATINGS = { user: 'u32', movie: 'u32', rating: 'f32', timestamp: 'u32' } as const;
const USERS = { userId: 'i32' } as const;
const DEMOGRAPHICS = { gender: 'u8', age: 'u8', occupation: 'u8', zipCode: 'utf8' } as const;
const MOVIES = {
  movieId: 'i32',
  title: 'utf8',
  year: 'i32?',
  genres: 'utf8',
  genreMask: 'u32',
  imdbId: 'utf8?',
  tmdbId: 'i32?',
} as const;
const TAGS = { userId: 'i32', movie: 'u32', tag: 'u32', timestamp: 'u32' } as const;
const TAG_VOCABULARY = { tag: 'utf8' } as const;
const GENOME_TAGS = { tagId: 'i32', tag: 'utf8' } as const;
const GENOME_MOVIES = { movie: 'u32' } as const;
const GENOME_SCORES = { relevance: 'f32' } as const;
const PROBE = { row: 'u32' } as const;
const QUALIFYING = { userId: 'u32', movie: 'u32', timestamp: 'u32' } as const;

/**
 * Where a dataset's cache lives: `<dataset>/.reco-cache/` by default; under a chosen folder, a
 * subfolder named after the dataset and a hash of its path, so datasets never share one.
 */
export function cacheDirFor(source: string, option: true | { dir: string }): string {
  if (option === true) return join(source, '.reco-cache');
  const tag = createHash('sha1').update(resolve(source)).digest('hex').slice(0, 10);
  return join(resolve(option.dir), `${basename(source)}-${tag}`);
}

/** The key of the cache in `dir`: undefined when there is none, `'unreadable'` when its manifest is. */
export function readCacheKey(dir: string): CacheKey | 'unreadable' | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
    return manifest.format === 'reco-data-cache' ? manifest.key : 'unreadable';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : 'unreadable';
  }
}

export type CacheRead =
  | {
      readonly hit: true;
      readonly dataset: Omit<Dataset, 'report' | 'source'>;
      readonly report: CachedReport;
    }
  | { readonly hit: false; readonly reason: string | undefined };

/**
 * Loads a cached dataset if, and only if, it is complete, intact and made from the same source
 * files with the same settings. Otherwise says why not (undefined: there is no cache at all).
 */
export function readDatasetCache(dir: string, key: CacheKey): CacheRead {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { hit: false, reason: undefined };
    return { hit: false, reason: 'cache manifest unreadable' };
  }
  if (manifest.format !== 'reco-data-cache' || JSON.stringify(manifest.key) !== JSON.stringify(key)) {
    return { hit: false, reason: 'cache is stale (source files or settings changed)' };
  }
  try {
    return { hit: true, dataset: readParts(dir, manifest), report: manifest.report };
  } catch (error) {
    return { hit: false, reason: `cache is damaged: ${(error as Error).message}` };
  }
}

function readParts(dir: string, manifest: Manifest): Omit<Dataset, 'report' | 'source'> {
  const { counts, files } = manifest;
  const file = (name: string): TableFileInfo => {
    const info = files[name];
    if (info === undefined) throw new Error(`manifest lists no ${name}`);
    return info;
  };

  const movieColumns = readTable(dir, 'movies.arrow', MOVIES, file('movies.arrow'), counts.movies);
  const movies: Movie[] = [];
  for (let i = 0; i < counts.movies; i++) {
    const genres = movieColumns.genres[i]!;
    movies.push({
      movieId: movieColumns.movieId[i]!,
      title: movieColumns.title[i]!,
      year: movieColumns.year[i] ?? null,
      genres: genres === '' ? [] : genres.split('|'),
      imdbId: movieColumns.imdbId[i] ?? null,
      tmdbId: movieColumns.tmdbId[i] ?? null,
    });
  }
  const catalog = catalogFromCache(movies, manifest.genreNames, movieColumns.genreMask);

  const userColumns = readTable(dir, 'users.arrow', USERS, file('users.arrow'), counts.users);
  const users = idMapFromSorted(userColumns.userId);
  if (!isStrictlyAscending(users.ids)) throw new Error('users.arrow: user ids are not sorted');

  const r = readTable(dir, 'ratings.arrow', RATINGS, file('ratings.arrow'), counts.ratings);
  checkRatings(r, users.size, catalog.ids.size);
  const ratings: RatingsStore = {
    length: counts.ratings,
    ...r,
    userOffsets: userOffsetsOf(r.user, users.size),
  };

  const dataset: { -readonly [K in keyof Omit<Dataset, 'report' | 'source'>]: Dataset[K] } = {
    layout: manifest.key.layout,
    ratings,
    users,
    movies: catalog,
  };
  if (manifest.occupations !== null) {
    const d = readTable(dir, 'demographics.arrow', DEMOGRAPHICS, file('demographics.arrow'), counts.users);
    dataset.demographics = { ...d, occupations: manifest.occupations } satisfies Demographics;
  }
  if (counts.tags !== null && counts.tagVocabulary !== null) {
    const t = readTable(dir, 'tags.arrow', TAGS, file('tags.arrow'), counts.tags);
    const vocabularyFile = file('tag-vocabulary.arrow');
    const { tag: vocabulary } = readTable(
      dir,
      'tag-vocabulary.arrow',
      TAG_VOCABULARY,
      vocabularyFile,
      counts.tagVocabulary,
    );
    checkBelow(t.movie, catalog.ids.size, 'tags.arrow: movie');
    checkBelow(t.tag, vocabulary.length, 'tags.arrow: tag');
    dataset.tags = { length: counts.tags, ...t, vocabulary } satisfies TagStore;
  }
  if (counts.genomeMovies !== null && counts.genomeTags !== null) {
    const g = readTable(dir, 'genome-tags.arrow', GENOME_TAGS, file('genome-tags.arrow'), counts.genomeTags);
    const { movie } = readTable(
      dir,
      'genome-movies.arrow',
      GENOME_MOVIES,
      file('genome-movies.arrow'),
      counts.genomeMovies,
    );
    checkBelow(movie, catalog.ids.size, 'genome-movies.arrow: movie');
    const cells = counts.genomeMovies * counts.genomeTags;
    const { relevance } = readTable(
      dir,
      'genome-scores.arrow',
      GENOME_SCORES,
      file('genome-scores.arrow'),
      cells,
    );
    dataset.genome = { tags: [...g.tag], tagIds: g.tagId, movie, relevance } satisfies Genome;
  }
  if (counts.probe != null) {
    const { row } = readTable(dir, 'probe.arrow', PROBE, file('probe.arrow'), counts.probe);
    checkBelow(row, counts.ratings, 'probe.arrow: row');
    const qualifying =
      counts.qualifying == null
        ? undefined
        : {
            length: counts.qualifying,
            ...readTable(dir, 'qualifying.arrow', QUALIFYING, file('qualifying.arrow'), counts.qualifying),
          };
    dataset.predefinedSplit = {
      kind: 'netflix-probe',
      test: row,
      ...(qualifying === undefined ? {} : { qualifying }),
    };
  }
  return dataset;
}

function catalogFromCache(movies: Movie[], genreNames: readonly string[], genreMask: Uint32Array): Catalog {
  const catalog = buildCatalog(movies);
  if (catalog.genreNames.join('|') !== genreNames.join('|'))
    throw new Error('movies.arrow: genres do not match');
  for (let i = 0; i < genreMask.length; i++) {
    if (catalog.genreMask[i] !== genreMask[i]) throw new Error('movies.arrow: genre masks do not match');
  }
  return catalog;
}

/** The invariants the rest of the code relies on, checked in one pass (tens of ms for 20M rows). */
function checkRatings(
  r: { user: Uint32Array; movie: Uint32Array; rating: Float32Array },
  users: number,
  movies: number,
): void {
  const { user, movie } = r;
  for (let i = 0; i < user.length; i++) {
    if (user[i]! >= users || movie[i]! >= movies) throw new Error(`ratings.arrow: row ${i} is out of range`);
    if (i > 0 && (user[i]! < user[i - 1]! || (user[i] === user[i - 1] && movie[i]! <= movie[i - 1]!))) {
      throw new Error(`ratings.arrow: row ${i} is out of order`);
    }
  }
}

function checkBelow(values: Uint32Array, limit: number, what: string): void {
  for (let i = 0; i < values.length; i++)
    if (values[i]! >= limit) throw new Error(`${what} ${i} is out of range`);
}

function isStrictlyAscending(ids: Int32Array): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i]! <= ids[i - 1]!) return false;
  return true;
}

/**
 * Writes the cache. Each table is written atomically, and the manifest (which holds every
 * table's size and checksum) is removed first and written last, so a cache cut short at any
 * point is never mistaken for a whole one.
 */
export function writeDatasetCache(dir: string, key: CacheKey, dataset: Dataset, report: CachedReport): void {
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, MANIFEST), { force: true });
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const files: Record<string, TableFileInfo> = {};
  const { ratings, users, movies, tags, genome, demographics } = dataset;

  files['ratings.arrow'] = writeTable(dir, 'ratings.arrow', RATINGS, ratings, suffix);
  files['users.arrow'] = writeTable(dir, 'users.arrow', USERS, { userId: users.ids }, suffix);
  files['movies.arrow'] = writeTable(
    dir,
    'movies.arrow',
    MOVIES,
    {
      movieId: movies.ids.ids,
      title: movies.movies.map((m) => m.title),
      year: movies.movies.map((m) => m.year),
      genres: movies.movies.map((m) => m.genres.join('|')),
      genreMask: movies.genreMask,
      imdbId: movies.movies.map((m) => m.imdbId),
      tmdbId: movies.movies.map((m) => m.tmdbId),
    },
    suffix,
  );
  if (demographics !== undefined) {
    files['demographics.arrow'] = writeTable(dir, 'demographics.arrow', DEMOGRAPHICS, demographics, suffix);
  }
  if (tags !== undefined) {
    files['tags.arrow'] = writeTable(dir, 'tags.arrow', TAGS, tags, suffix);
    files['tag-vocabulary.arrow'] = writeTable(
      dir,
      'tag-vocabulary.arrow',
      TAG_VOCABULARY,
      { tag: tags.vocabulary },
      suffix,
    );
  }
  if (genome !== undefined) {
    files['genome-tags.arrow'] = writeTable(
      dir,
      'genome-tags.arrow',
      GENOME_TAGS,
      { tagId: genome.tagIds, tag: genome.tags },
      suffix,
    );
    files['genome-movies.arrow'] = writeTable(
      dir,
      'genome-movies.arrow',
      GENOME_MOVIES,
      { movie: genome.movie },
      suffix,
    );
    files['genome-scores.arrow'] = writeTable(
      dir,
      'genome-scores.arrow',
      GENOME_SCORES,
      { relevance: genome.relevance },
      suffix,
    );
  }

  const split = dataset.predefinedSplit;
  if (split !== undefined) {
    files['probe.arrow'] = writeTable(dir, 'probe.arrow', PROBE, { row: split.test }, suffix);
    if (split.qualifying !== undefined) {
      files['qualifying.arrow'] = writeTable(dir, 'qualifying.arrow', QUALIFYING, split.qualifying, suffix);
    }
  }

  const manifest: Manifest = {
    format: 'reco-data-cache',
    key,
    report,
    counts: {
      ratings: ratings.length,
      users: users.size,
      movies: movies.ids.size,
      tags: tags?.length ?? null,
      tagVocabulary: tags?.vocabulary.length ?? null,
      genomeMovies: genome?.movie.length ?? null,
      genomeTags: genome?.tags.length ?? null,
      probe: split?.test.length ?? null,
      qualifying: split?.qualifying?.length ?? null,
    },
    genreNames: movies.genreNames,
    occupations: demographics?.occupations ?? null,
    files,
  };
  const temp = join(dir, `${MANIFEST}.${suffix}.tmp`);
  writeFileSync(temp, JSON.stringify(manifest));
  renameSync(temp, join(dir, MANIFEST));
}
