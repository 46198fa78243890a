import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ContentHasher } from '../cache/content-hash';
import type { DetectedRelease } from '../layout';
import { HALF_STARS, type RatingScale, WHOLE_STARS } from '../parse/fields';
import { readFirstLine } from '../parse/first-line';
import { parseRatingsFile } from '../parse/ratings-file';
import type { RawRatings } from '../parse/raw-ratings';
import { splitLine } from '../parse/records';
import { addFileProblems, KEPT_EXAMPLES, type RowProblems } from '../problems';
import type { OnProgress } from '../types';
import { checkHeader } from './text-file';

/** Files at least this big are parsed on several threads by default; smaller ones are not worth a worker. */
export const PARALLEL_MIN_BYTES = 32 << 20;

export interface RatingsRead {
  readonly raw: RawRatings;
  readonly scale: RatingScale;
  /** Lines of the file, header included. */
  readonly lines: number;
  readonly linesBefore: number;
  readonly workers: number;
  readonly note?: string;
}

/** The rating scale of a release: whole stars for ml-100k and ml-1m (the `.dat` release with users.dat). */
export function ratingScaleOf(release: DetectedRelease): RatingScale {
  if (release.layout === 'ml-100k') return WHOLE_STARS;
  if (release.layout === 'dat' && release.files.users !== undefined) return WHOLE_STARS;
  return HALF_STARS;
}

/** Reads the ratings file of a release into raw columns (movies already as catalog indices). */
export async function readRatings(
  release: DetectedRelease,
  movieTable: Int32Array,
  options: { workers?: number; problems: RowProblems; onProgress?: OnProgress; hasher?: ContentHasher },
): Promise<RatingsRead> {
  const file = release.files.ratings;
  const path = join(release.dir, file);
  const size = statSync(path).size;
  const first = readFirstLine(path);
  let dataStart = first.bom;
  let linesBefore = 0;
  if (release.layout === 'csv') {
    checkHeader(splitLine(first.text, ','), ['userId', 'movieId', 'rating', 'timestamp'], file);
    dataStart = first.next;
    linesBefore = 1;
  }
  const scale = ratingScaleOf(release);
  const workers =
    options.workers ?? (size - dataStart >= PARALLEL_MIN_BYTES ? Math.min(2, availableParallelism()) : 1);
  const { problems, onProgress, hasher } = options;
  if (hasher !== undefined) hasher.update(readHead(path, dataStart));
  const parsed = await parseRatingsFile(path, {
    dataStart,
    linesBefore,
    workers: Math.max(1, Math.floor(workers)),
    format: {
      delimiter: release.layout === 'csv' ? ',' : release.layout === 'dat' ? '::' : '\t',
      scale,
      movieTable,
      catalogFile: release.files.movies,
    },
    onInvalidRow: problems.policy,
    keepProblems: KEPT_EXAMPLES,
    ...(hasher === undefined ? {} : { onChunk: (bytes: Uint8Array) => hasher.update(bytes) }),
    onBytes: (done, total) => onProgress?.({ stage: 'ratings', done, total, unit: 'bytes' }),
  });
  addFileProblems(problems, file, parsed);
  return {
    raw: parsed.raw,
    scale,
    lines: parsed.lines + linesBefore,
    linesBefore,
    workers: parsed.workers,
    ...(parsed.note === undefined ? {} : { note: parsed.note }),
  };
}

/** The first `bytes` bytes of a file (the header and BOM the range parser skips). */
function readHead(path: string, bytes: number): Uint8Array {
  const head = Buffer.alloc(bytes);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, bytes, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}
