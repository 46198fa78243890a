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
  PredefinedSplit,
  RatingsStore,
  TagStore,
} from '../types';
import {
  readTable,
  type TableColumns,
  type TableFileInfo,
  type TableSchema,
  writeTable,
} from './arrow-table';
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
      readonly dataset: CachedDataset;
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

type CachedDataset = Omit<Dataset, 'report' | 'source'>;

function readParts(dir: string, manifest: Manifest): CachedDataset {
  const { counts } = manifest;
  const catalog = readCatalogPart(dir, manifest);
  const users = idMapFromSorted(readPart(dir, manifest, 'users.arrow', USERS, counts.users).userId);
  if (!isStrictlyAscending(users.ids)) throw new Error('users.arrow: user ids are not sorted');

  const r = readPart(dir, manifest, 'ratings.arrow', RATINGS, counts.ratings);
  checkRatings(r, users.size, catalog.ids.size);
  const ratings: RatingsStore = {
    length: counts.ratings,
    ...r,
    userOffsets: userOffsetsOf(r.user, users.size),
  };

  const dataset: { -readonly [K in keyof CachedDataset]: Dataset[K] } = {
    layout: manifest.key.layout,
    ratings,
    users,
    movies: catalog,
  };
  if (manifest.occupations !== null) {
    const d = readPart(dir, manifest, 'demographics.arrow', DEMOGRAPHICS, counts.users);
    dataset.demographics = { ...d, occupations: manifest.occupations } satisfies Demographics;
  }
  if (counts.tags !== null && counts.tagVocabulary !== null) {
    dataset.tags = readTagsPart(dir, manifest, counts.tags, counts.tagVocabulary, catalog.ids.size);
  }
  if (counts.genomeMovies !== null && counts.genomeTags !== null) {
    dataset.genome = readGenomePart(dir, manifest, counts.genomeMovies, counts.genomeTags, catalog.ids.size);
  }
  if (counts.probe != null) dataset.predefinedSplit = readSplitPart(dir, manifest, counts.probe);
  return dataset;
}

/** One table of the cache, checked against what the manifest says of it. */
function readPart<S extends TableSchema>(
  dir: string,
  manifest: Manifest,
  name: string,
  schema: S,
  rows: number,
): TableColumns<S> {
  const info = manifest.files[name];
  if (info === undefined) throw new Error(`manifest lists no ${name}`);
  return readTable(dir, name, schema, info, rows);
}

function readCatalogPart(dir: string, manifest: Manifest): Catalog {
  const count = manifest.counts.movies;
  const columns = readPart(dir, manifest, 'movies.arrow', MOVIES, count);
  const movies: Movie[] = [];
  for (let i = 0; i < count; i++) {
    const genres = columns.genres[i]!;
    movies.push({
      movieId: columns.movieId[i]!,
      title: columns.title[i]!,
      year: columns.year[i] ?? null,
      genres: genres === '' ? [] : genres.split('|'),
      imdbId: columns.imdbId[i] ?? null,
      tmdbId: columns.tmdbId[i] ?? null,
    });
  }
  return catalogFromCache(movies, manifest.genreNames, columns.genreMask);
}

function readTagsPart(
  dir: string,
  manifest: Manifest,
  count: number,
  vocabularySize: number,
  movies: number,
): TagStore {
  const t = readPart(dir, manifest, 'tags.arrow', TAGS, count);
  const { tag: vocabulary } = readPart(dir, manifest, 'tag-vocabulary.arrow', TAG_VOCABULARY, vocabularySize);
  checkBelow(t.movie, movies, 'tags.arrow: movie');
  checkBelow(t.tag, vocabulary.length, 'tags.arrow: tag');
  return { length: count, ...t, vocabulary };
}

function readGenomePart(
  dir: string,
  manifest: Manifest,
  genomeMovies: number,
  genomeTags: number,
  movies: number,
): Genome {
  const g = readPart(dir, manifest, 'genome-tags.arrow', GENOME_TAGS, genomeTags);
  const { movie } = readPart(dir, manifest, 'genome-movies.arrow', GENOME_MOVIES, genomeMovies);
  checkBelow(movie, movies, 'genome-movies.arrow: movie');
  const cells = genomeMovies * genomeTags;
  const { relevance } = readPart(dir, manifest, 'genome-scores.arrow', GENOME_SCORES, cells);
  return { tags: [...g.tag], tagIds: g.tagId, movie, relevance };
}

function readSplitPart(dir: string, manifest: Manifest, probe: number): PredefinedSplit {
  const { counts } = manifest;
  const { row } = readPart(dir, manifest, 'probe.arrow', PROBE, probe);
  checkBelow(row, counts.ratings, 'probe.arrow: row');
  const qualifying =
    counts.qualifying == null
      ? undefined
      : {
          length: counts.qualifying,
          ...readPart(dir, manifest, 'qualifying.arrow', QUALIFYING, counts.qualifying),
        };
  return { kind: 'netflix-probe', test: row, ...(qualifying === undefined ? {} : { qualifying }) };
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
  const files = writeParts(dir, dataset, suffix);
  const { ratings, users, movies, tags, genome, demographics } = dataset;
  const split = dataset.predefinedSplit;
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

/** Writes every table the dataset has; returns each file's size and checksum for the manifest. */
function writeParts(dir: string, dataset: Dataset, suffix: string): Record<string, TableFileInfo> {
  const files: Record<string, TableFileInfo> = {};
  const write = <S extends TableSchema>(name: string, schema: S, columns: TableColumns<S>) => {
    files[name] = writeTable(dir, name, schema, columns, suffix);
  };
  const { ratings, users, movies, tags, genome, demographics } = dataset;
  write('ratings.arrow', RATINGS, ratings);
  write('users.arrow', USERS, { userId: users.ids });
  write('movies.arrow', MOVIES, {
    movieId: movies.ids.ids,
    title: movies.movies.map((m) => m.title),
    year: movies.movies.map((m) => m.year),
    genres: movies.movies.map((m) => m.genres.join('|')),
    genreMask: movies.genreMask,
    imdbId: movies.movies.map((m) => m.imdbId),
    tmdbId: movies.movies.map((m) => m.tmdbId),
  });
  if (demographics !== undefined) write('demographics.arrow', DEMOGRAPHICS, demographics);
  if (tags !== undefined) {
    write('tags.arrow', TAGS, tags);
    write('tag-vocabulary.arrow', TAG_VOCABULARY, { tag: tags.vocabulary });
  }
  if (genome !== undefined) {
    write('genome-tags.arrow', GENOME_TAGS, { tagId: genome.tagIds, tag: genome.tags });
    write('genome-movies.arrow', GENOME_MOVIES, { movie: genome.movie });
    write('genome-scores.arrow', GENOME_SCORES, { relevance: genome.relevance });
  }
  const split = dataset.predefinedSplit;
  if (split !== undefined) {
    write('probe.arrow', PROBE, { row: split.test });
    if (split.qualifying !== undefined) write('qualifying.arrow', QUALIFYING, split.qualifying);
  }
  return files;
}
