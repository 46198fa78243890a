import { statSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, movieIndexTable } from '../catalog';
import { DataError } from '../errors';
import type { DetectedRelease } from '../layout';
import { WHOLE_STARS } from '../parse/fields';
import { createRawRatings, growRawRatings, trimRawRatings } from '../parse/raw-ratings';
import { addFileProblems, KEPT_EXAMPLES, type RowProblems } from '../problems';
import { type DuplicatePolicy, orderRawRatings } from '../ratings-store';
import type { Catalog, IdMap, OnProgress, PredefinedSplit, RatingsStore } from '../types';
import { readProbe, readQualifying } from './probe';
import { netflixRowsFor, parseNetflixFile } from './ratings-file';
import { readMovieTitles } from './titles';

export interface NetflixParts {
  readonly ratings: RatingsStore;
  readonly users: IdMap;
  readonly movies: Catalog;
  readonly predefinedSplit?: PredefinedSplit;
  readonly duplicateRatings: number;
  readonly ratingScale: typeof WHOLE_STARS;
  readonly workers: number;
}

export interface NetflixParseOptions {
  readonly problems: RowProblems;
  readonly duplicates: DuplicatePolicy;
  /** A content hasher per file read whole by the parser (`undefined`: none), fed the bytes as read. */
  readonly hasherFor?: (file: string) => ((bytes: Uint8Array) => void) | undefined;
  readonly onProgress?: OnProgress;
}

/**
 * Loads a Netflix Prize release: movie_titles.csv, every ratings file in order into one set of
 * raw columns, then users indexed and rows ordered exactly as for MovieLens, then probe.txt and
 * qualifying.txt as the predefined split when present.
 */
export function parseNetflixRelease(release: DetectedRelease, options: NetflixParseOptions): NetflixParts {
  const { dir, files } = release;
  const { problems, onProgress } = options;
  const catalog = buildCatalog(readMovieTitles(dir, files.movies, problems));
  const movieTable = movieIndexTable(catalog);

  const parts = files.ratingParts ?? [files.ratings];
  const sizes = parts.map((f) => statSync(join(dir, f)).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const raw = createRawRatings(netflixRowsFor(total));
  let before = 0;
  for (let k = 0; k < parts.length; k++) {
    const file = parts[k]!;
    const hasher = options.hasherFor?.(file);
    const result = parseNetflixFile(join(dir, file), sizes[k]!, {
      movieTable,
      onInvalidRow: problems.policy,
      keepProblems: KEPT_EXAMPLES,
      into: raw,
      ...(hasher === undefined ? {} : { onChunk: hasher }),
      onBytes: (done) => onProgress?.({ stage: 'ratings', done: before + done, total, unit: 'bytes' }),
    });
    addFileProblems(problems, file, result);
    before += sizes[k]!;
  }
  growRawRatings(raw, raw.length);
  const trimmed = trimRawRatings(raw);

  onProgress?.({ stage: 'index', done: 0, total: trimmed.length, unit: 'rows' });
  const ordered = orderRawRatings(trimmed, [], catalog.ids.size, options.duplicates);
  const { users } = ordered;
  if (ordered.duplicate !== undefined) {
    const { user, movie } = ordered.duplicate;
    throw new DataError(
      'duplicate-rating',
      `customer ${users.ids[user]} rated MovieID ${catalog.ids.ids[movie]} more than once; duplicates: 'latest' keeps the latest`,
      { file: parts[0]!, field: 'customerId' },
    );
  }
  onProgress?.({ stage: 'index', done: trimmed.length, total: trimmed.length, unit: 'rows' });

  const context = { ratings: ordered.store, users, movieTable, problems };
  const test = files.probe === undefined ? undefined : readProbe(dir, files.probe, context);
  const qualifying =
    files.qualifying === undefined ? undefined : readQualifying(dir, files.qualifying, context);
  return {
    ratings: ordered.store,
    users,
    movies: catalog,
    ...(test === undefined
      ? {}
      : {
          predefinedSplit: {
            kind: 'netflix-probe',
            test,
            ...(qualifying === undefined ? {} : { qualifying }),
          },
        }),
    duplicateRatings: ordered.duplicates,
    ratingScale: WHOLE_STARS,
    workers: 1,
  };
}
