import { readFileSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { detectRelease } from '@reco/data';
import { StudyError } from './errors';

/**
 * Peak-memory model of `reco train`, so a dataset too large for the machine fails in the load
 * stage with the estimate, not with an out-of-memory kill twenty minutes later. Coefficients are
 * fitted to the peak RSS of the default run (ranking and top-10 included) at 1M ratings (2.0 GiB,
 * 700k classifier rows) and 20M (5.57 GiB, 2M rows, issue 13), rounded up.
 */
const BASE_BYTES = 400 * 2 ** 20;
/** The store, the split, the CF arenas and the per-row CF column, per rating. */
const BYTES_PER_RATING = 50;
/** Feature matrices (float32, several at once), libxgboost's DMatrix and refits, per classifier row. */
const BYTES_PER_MODEL_ROW = 2400;
/** Ratings per byte of a MovieLens ratings file (ml-20m: 26.7 bytes a line; generated: 24.4). */
const BYTES_PER_RATINGS_LINE = 24;
/** Share of ratings in train (70/15/15). */
const TRAIN_SHARE = 0.7;

export interface MemoryEstimate {
  readonly bytes: number;
  readonly ratings: number;
  readonly modelRows: number;
  /** True when the ratings count was estimated from the file size (before loading). */
  readonly fromFileSize: boolean;
}

export interface MemoryLimit {
  readonly bytes: number;
  /** Where it came from: `--memory-limit`, the cgroup, or the machine's physical memory. */
  readonly source: string;
}

/** Peak bytes of a run on `ratings` ratings whose classifiers train on `trainSample` rows (null: all). */
export function estimatePeakBytes(ratings: number, trainSample: number | null): number {
  return BASE_BYTES + ratings * BYTES_PER_RATING + modelRowsOf(ratings, trainSample) * BYTES_PER_MODEL_ROW;
}

function modelRowsOf(ratings: number, trainSample: number | null): number {
  const train = Math.round(ratings * TRAIN_SHARE);
  return trainSample === null ? train : Math.min(train, trainSample);
}

/** The estimate before loading: the ratings count from the size of the ratings file(s). */
export function estimateFromFiles(dataDir: string, trainSample: number | null): MemoryEstimate {
  const release = detectRelease(dataDir);
  const parts = release.files.ratingParts ?? [release.files.ratings];
  let bytes = 0;
  for (const part of parts) bytes += statSync(join(release.dir, part)).size;
  const ratings = Math.ceil(bytes / BYTES_PER_RATINGS_LINE);
  return estimateFor(ratings, trainSample, true);
}

export function estimateFor(
  ratings: number,
  trainSample: number | null,
  fromFileSize: boolean,
): MemoryEstimate {
  return {
    bytes: estimatePeakBytes(ratings, trainSample),
    ratings,
    modelRows: modelRowsOf(ratings, trainSample),
    fromFileSize,
  };
}

/** The memory this process may use: the given limit, else the cgroup's, else physical memory. */
export function memoryLimit(configured: number | null): MemoryLimit {
  if (configured !== null) return { bytes: configured, source: '--memory-limit' };
  const cgroup = cgroupLimit();
  const physical = totalmem();
  return cgroup !== null && cgroup < physical
    ? { bytes: cgroup, source: 'the cgroup memory limit' }
    : { bytes: physical, source: "the machine's physical memory" };
}

function cgroupLimit(): number | null {
  for (const file of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      const value = Number(text);
      if (text !== 'max' && Number.isFinite(value) && value > 0) return value;
    } catch {
      // Not this cgroup version (or none at all).
    }
  }
  return null;
}

/**
 * Throws StudyError 'memory-limit' when the estimate exceeds the limit, naming both and the
 * `--train-sample` that would fit (or saying that none does: the ratings alone are too many).
 */
export function checkMemory(estimate: MemoryEstimate, limit: MemoryLimit, trainSample: number | null): void {
  if (estimate.bytes <= limit.bytes) return;
  const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
  const counted = estimate.fromFileSize
    ? `about ${estimate.ratings.toLocaleString('en-US')} ratings (from the ratings file's size)`
    : `${estimate.ratings.toLocaleString('en-US')} ratings`;
  const fixedBytes = BASE_BYTES + estimate.ratings * BYTES_PER_RATING;
  const fits = Math.floor((limit.bytes - fixedBytes) / BYTES_PER_MODEL_ROW / 1000) * 1000;
  const advice =
    fits >= 10_000
      ? `lower it with --train-sample ${fits} (now ${trainSample ?? 'all training rows'}), or raise the limit with --memory-limit if the machine really has more`
      : 'the ratings alone do not fit: use a smaller dataset or a machine with more memory (--memory-limit overrides the check)';
  throw new StudyError(
    'memory-limit',
    `this run needs an estimated ${gb(estimate.bytes)} of memory for ${counted} with ${estimate.modelRows.toLocaleString('en-US')} classifier training rows, more than the ${gb(limit.bytes)} of ${limit.source}; ${advice}`,
    { field: 'trainSample' },
  );
}
