import type { ContentHasher } from './cache/content-hash';
import { CACHE_VERSION, cacheDirFor, writeDatasetCache } from './cache/dataset-cache';
import { type CacheLookup, lookUpCache } from './cache/lookup';
import { buildCatalog, movieIndexTable } from './catalog';
import { DataError } from './errors';
import { type DetectedRelease, detectRelease } from './layout';
import { parseNetflixRelease } from './netflix/parts';
import { createRowProblems, type InvalidRowPolicy, type RowProblems } from './problems';
import { type DuplicateFound, type DuplicatePolicy, orderRawRatings } from './ratings-store';
import { readGenome } from './readers/genome';
import { readLinks, readMovies } from './readers/movies';
import { type RatingsRead, readRatings } from './readers/ratings';
import { readTags } from './readers/tags';
import { alignDemographics, readUsers } from './readers/users';
import type { Catalog, Dataset, Genome, IdMap, LoadReport, Movie, OnProgress, TagStore } from './types';

/** Options of `loadMovieLens`. Every field is optional. */
export interface LoadOptions {
  /** A row that cannot be read: `error` (default) throws a DataError naming file, line and field; `skip` drops it, counts it and keeps the first reasons in `report`. */
  readonly onInvalidRow?: InvalidRowPolicy;
  /** A user who rated a movie more than once: `latest` (default) keeps the rating with the latest timestamp, the later line on ties; `error` throws. */
  readonly duplicates?: DuplicatePolicy;
  /** Optional files to read (all default to true). Skip the big ones you do not need: ml-20m's genome is 300 MB. */
  readonly include?: {
    readonly tags?: boolean;
    readonly genome?: boolean;
    readonly links?: boolean;
    readonly demographics?: boolean;
  };
  /** Arrow IPC cache: `false` (default), `true` (in `<dataset>/.reco-cache/`) or `{ dir }`. */
  readonly cache?: boolean | { readonly dir: string };
  /** Threads for the ratings file. Default: min(2, cores) for files of 32 MB and more, else 1. */
  readonly workers?: number;
  readonly onProgress?: OnProgress;
}

/**
 * Loads a MovieLens release from a folder, whatever its layout: the CSV releases (ml-20m, ml-25m,
 * ml-latest, ml-latest-small), the `::` releases (ml-1m, ml-10m) or ml-100k. A folder holding
 * exactly one release folder works too.
 *
 * @example
 * const dataset = await loadMovieLens('datasets/ml-latest-small');
 * dataset.ratings.length; // 100836
 * dataset.movies.movies[0]; // { movieId: 1, title: 'Toy Story', year: 1995, genres: [...], ... }
 */
export async function loadMovieLens(dir: string, options: LoadOptions = {}): Promise<Dataset> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const release = detectRelease(dir);
  const settings = settingsOf(options);
  const files = filesToRead(release, settings.include);
  const notes: string[] = [];

  const cacheOption = options.cache ?? false;
  const cacheDir = cacheOption === false ? undefined : cacheDirFor(release.dir, cacheOption);
  let lookup: CacheLookup | undefined;
  if (cacheDir !== undefined) {
    options.onProgress?.({ stage: 'cache', done: 0, total: 1 });
    const key = { version: CACHE_VERSION, layout: release.layout, settings };
    lookup = await lookUpCache(cacheDir, key, release.dir, files);
    const cached = lookup.read;
    options.onProgress?.({ stage: 'cache', done: 1, total: 1 });
    if (cached.hit) {
      const report: LoadReport = { ...cached.report, workers: 0, fromCache: true, notes, seconds: seconds() };
      return { ...cached.dataset, source: release.dir, report };
    }
    if (cached.reason !== undefined) notes.push(`${cached.reason}; rebuilt`);
  }
  const hasherFor = (file: string) => lookup?.hashers.get(file);

  const parts =
    release.layout === 'netflix'
      ? netflixParts(release, settings, options, hasherFor)
      : await parseRelease(release, settings, options, hasherFor);
  const { dataset, report } = assembleDataset(release, files, settings.duplicates, parts, notes);
  if (cacheDir !== undefined && lookup !== undefined) {
    try {
      writeDatasetCache(cacheDir, await lookup.finishKey(), dataset, report);
    } catch (error) {
      // A read-only dataset folder must not stop a load; the report says what happened.
      notes.push(`cache not written to ${cacheDir}: ${(error as Error).message}`);
    }
  }
  return { ...dataset, report: { ...dataset.report, seconds: seconds() } };
}

/** The options that change what a load returns, with their defaults (part of the cache key). */
function settingsOf(options: LoadOptions) {
  return {
    onInvalidRow: options.onInvalidRow ?? 'error',
    duplicates: options.duplicates ?? 'latest',
    include: {
      tags: options.include?.tags ?? true,
      genome: options.include?.genome ?? true,
      links: options.include?.links ?? true,
      demographics: options.include?.demographics ?? true,
    },
  } as const;
}

/** What either parser returns: the parts of a dataset and what the report says about them. */
type ReleaseParts = ReturnType<typeof netflixParts> | Awaited<ReturnType<typeof parseRelease>>;

/** The dataset from its parts, and the report fields a cache keeps with it. */
function assembleDataset(
  release: DetectedRelease,
  files: string[],
  duplicatePolicy: DuplicatePolicy,
  parts: ReleaseParts,
  notes: string[],
) {
  const report = {
    layout: release.layout,
    files,
    skippedRows: parts.skippedRows,
    skippedExamples: parts.skippedExamples,
    duplicateRatings: parts.duplicateRatings,
    duplicatePolicy,
    ratingScale: parts.ratingScale,
    suggestedLikeThreshold: parts.ratingScale.step === 1 ? 4 : 3.5,
    workers: parts.workers,
  };
  if (parts.note !== undefined) notes.push(parts.note);
  const dataset: Dataset = {
    source: release.dir,
    layout: release.layout,
    ratings: parts.ratings,
    users: parts.users,
    movies: parts.movies,
    ...(parts.tags === undefined ? {} : { tags: parts.tags }),
    ...(parts.genome === undefined ? {} : { genome: parts.genome }),
    ...(parts.demographics === undefined ? {} : { demographics: parts.demographics }),
    ...(parts.predefinedSplit === undefined ? {} : { predefinedSplit: parts.predefinedSplit }),
    report: { ...report, fromCache: false, notes, seconds: 0 },
  };
  return { dataset, report };
}

type Include = {
  readonly tags: boolean;
  readonly genome: boolean;
  readonly links: boolean;
  readonly demographics: boolean;
};

function filesToRead(release: DetectedRelease, include: Include): string[] {
  const f = release.files;
  if (release.layout === 'netflix') {
    return [
      f.movies,
      ...(f.ratingParts ?? [f.ratings]),
      ...[f.probe, f.qualifying].filter((x) => x !== undefined),
    ];
  }
  const files = [f.movies, f.ratings];
  if (include.links && f.links !== undefined) files.push(f.links);
  if (include.demographics && f.users !== undefined) files.push(f.users);
  if (include.tags && f.tags !== undefined) files.push(f.tags);
  if (include.genome && f.genomeTags !== undefined && f.genomeScores !== undefined) {
    files.push(f.genomeTags, f.genomeScores);
  }
  return files;
}

/** The Netflix Prize release: same result shape as `parseRelease` (no tags, genome or demographics). */
function netflixParts(
  release: DetectedRelease,
  settings: { onInvalidRow: InvalidRowPolicy; duplicates: DuplicatePolicy },
  options: LoadOptions,
  hasherFor: (file: string) => ContentHasher | undefined,
) {
  const problems = createRowProblems(settings.onInvalidRow);
  const parts = parseNetflixRelease(release, {
    problems,
    hasherFor: (file) => {
      const hasher = hasherFor(file);
      return hasher === undefined ? undefined : (bytes) => hasher.update(bytes);
    },
    duplicates: settings.duplicates,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  return {
    ...parts,
    tags: undefined,
    genome: undefined,
    demographics: undefined,
    skippedRows: problems.skipped,
    skippedExamples: problems.examples,
    note: undefined,
  };
}

async function parseRelease(
  release: DetectedRelease,
  settings: { onInvalidRow: InvalidRowPolicy; duplicates: DuplicatePolicy; include: Include },
  options: LoadOptions,
  hasherFor: (file: string) => ContentHasher | undefined,
) {
  const { files } = release;
  const { include } = settings;
  const onProgress = options.onProgress;
  const problems = createRowProblems(settings.onInvalidRow);

  onProgress?.({ stage: 'movies', done: 0, total: 1 });
  const catalog = readCatalog(release, include.links, problems);
  const movieTable = movieIndexTable(catalog);
  onProgress?.({ stage: 'movies', done: 1, total: 1 });

  const usersFile =
    include.demographics && files.users !== undefined ? readUsers(release, problems) : undefined;

  const hasher = hasherFor(files.ratings);
  const read = await readRatings(release, movieTable, {
    problems,
    ...(hasher === undefined ? {} : { hasher }),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(onProgress === undefined ? {} : { onProgress }),
  });
  const { raw } = read;
  onProgress?.({ stage: 'index', done: 0, total: raw.length, unit: 'rows' });
  const ordered = orderRawRatings(raw, usersFile?.userIds ?? [], catalog.ids.size, settings.duplicates);
  const { users } = ordered;
  if (ordered.duplicate !== undefined) {
    throw duplicateRatingError(ordered.duplicate, read, files.ratings, users, catalog);
  }
  onProgress?.({ stage: 'index', done: raw.length, total: raw.length, unit: 'rows' });

  return {
    ratings: ordered.store,
    users,
    movies: catalog,
    ...readTagsAndGenome(release, include, catalog, movieTable, problems, onProgress),
    demographics: usersFile === undefined ? undefined : alignDemographics(usersFile, users),
    skippedRows: problems.skipped,
    skippedExamples: problems.examples,
    duplicateRatings: ordered.duplicates,
    ratingScale: read.scale,
    workers: read.workers,
    note: read.note,
    predefinedSplit: undefined,
  };
}

/** The movies file, with the links file's imdbId and tmdbId when asked for and present. */
function readCatalog(release: DetectedRelease, links: boolean, problems: RowProblems): Catalog {
  let movies: Movie[] = readMovies(release, problems);
  if (links && release.files.links !== undefined) {
    const linked = readLinks(release, new Set(movies.map((m) => m.movieId)), problems);
    movies = movies.map((m) => ({ ...m, ...linked.get(m.movieId) }));
  }
  return buildCatalog(movies);
}

/** A rating given twice under `duplicates: 'error'`, located by file line when lines map to rows. */
function duplicateRatingError(
  duplicate: DuplicateFound,
  read: RatingsRead,
  file: string,
  users: IdMap,
  catalog: Catalog,
): DataError {
  const { user, movie, rows } = duplicate;
  // Row r is line linesBefore + r + 1 unless blank or skipped lines sit in between.
  const exact = read.lines - read.linesBefore === read.raw.length;
  const where = exact
    ? `lines ${rows[0] + read.linesBefore + 1} and ${rows[1] + read.linesBefore + 1}`
    : `data rows ${rows[0] + 1} and ${rows[1] + 1}`;
  return new DataError(
    'duplicate-rating',
    `userId ${users.ids[user]} rated movieId ${catalog.ids.ids[movie]} more than once (${where}); duplicates: 'latest' keeps the latest`,
    {
      file,
      field: 'movieId',
      ...(exact ? { line: rows[1] + read.linesBefore + 1 } : {}),
    },
  );
}

/** The optional tags and genome files, each read when asked for and present. */
function readTagsAndGenome(
  release: DetectedRelease,
  include: Include,
  catalog: Catalog,
  movieTable: Int32Array,
  problems: RowProblems,
  onProgress: OnProgress | undefined,
): { tags: TagStore | undefined; genome: Genome | undefined } {
  const { files } = release;
  const tags =
    include.tags && files.tags !== undefined
      ? readTags(release, movieTable, problems, onProgress)
      : undefined;
  const genome =
    include.genome && files.genomeScores !== undefined && files.genomeTags !== undefined
      ? readGenome(
          release.dir,
          { scores: files.genomeScores, tags: files.genomeTags, movies: files.movies },
          catalog,
          movieTable,
          problems,
          onProgress,
        )
      : undefined;
  return { tags, genome };
}
