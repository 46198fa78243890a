import type { OnProgress } from '../types';
import { ByteSink } from './byte-sink';
import type { SynthCatalog } from './catalog';
import { COMMA, type DigitTable, digitTable, NEWLINE, writeUint } from './format';
import type { SynthLatent } from './latent';
import type { UserSimulator } from './user-simulator';

/** Longest possible row: two 10-digit ids, "5.0", a 10-digit timestamp, three commas, a newline. */
const MAX_ROW_BYTES = 10 + 1 + 10 + 1 + 3 + 1 + 10 + 1;
/** "0.5" .. "5.0": ratings are half stars, so their text comes from a table, never from toFixed. */
const RATING_TEXT = Buffer.from('0.51.01.52.02.53.03.54.04.55.0', 'latin1');

export interface RatingsSummary {
  readonly rows: number;
  readonly bytes: number;
  /** Count per half-star level, 0.5 .. 5.0. */
  readonly histogram: readonly number[];
  readonly mean: number;
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
}

/**
 * Streams ratings.csv (`userId,movieId,rating,timestamp`), user by user, rows sorted by userId
 * then movieId like the real file. Each row is formatted byte by byte into the sink's buffer:
 * the user id prefix once per user, the movie id copied from a digit table, the rating from a
 * three-byte table, the timestamp by `writeUint`.
 */
export async function writeRatings(
  path: string,
  catalog: SynthCatalog,
  latent: SynthLatent,
  simulator: UserSimulator,
  thresholds: Float64Array,
  onProgress: OnProgress | undefined,
  signal: AbortSignal | undefined,
): Promise<RatingsSummary> {
  const sink = await ByteSink.open(path, Math.max(16 << 20, simulator.movies.length * MAX_ROW_BYTES * 2));
  try {
    await sink.writeString('userId,movieId,rating,timestamp\n');
    const users = latent.activity.length;
    let total = 0;
    for (let u = 0; u < users; u++) total += latent.activity[u]!;
    const rows = createRowWriter(catalog, thresholds);
    let nextReport = 0;
    for (let u = 0; u < users; u++) {
      const count = simulator.simulate(u);
      if (sink.needsFlush(count * MAX_ROW_BYTES)) {
        await sink.flush();
        if (signal?.aborted) throw signal.reason;
      }
      sink.pos = writeUserRows(rows, simulator, u, count, sink.buffer, sink.pos);
      if (rows.count >= nextReport) {
        onProgress?.({ stage: 'ratings', done: rows.count, total, unit: 'rows' });
        nextReport = rows.count + Math.max(1, Math.floor(total / 200));
      }
    }
    await sink.close();
    onProgress?.({ stage: 'ratings', done: rows.count, total, unit: 'rows' });
    return summarize(rows, sink.bytesWritten);
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}

/** What formatting rows needs, and the running figures of the rows written so far. */
interface RowWriter {
  readonly movieDigits: DigitTable;
  readonly release: SynthCatalog['release'];
  readonly thresholds: Float64Array;
  /** Rows per rating level, 0.5 .. 5.0. */
  readonly histogram: Float64Array;
  /** The current user's `userId,` bytes. */
  readonly prefix: Uint8Array;
  count: number;
  firstTimestamp: number;
  lastTimestamp: number;
}

function createRowWriter(catalog: SynthCatalog, thresholds: Float64Array): RowWriter {
  return {
    movieDigits: digitTable(catalog.movieId),
    release: catalog.release,
    thresholds,
    histogram: new Float64Array(thresholds.length + 1),
    prefix: new Uint8Array(12),
    count: 0,
    firstTimestamp: Number.POSITIVE_INFINITY,
    lastTimestamp: 0,
  };
}

/**
 * Formats the `count` simulated ratings of user u into `buffer` at `pos`, byte by byte; returns
 * the position after them. The figures of the writer are kept in locals while the rows are written.
 */
function writeUserRows(
  rows: RowWriter,
  simulator: UserSimulator,
  u: number,
  count: number,
  buffer: Uint8Array,
  pos: number,
): number {
  const { bytes: idBytes, length: idLength, stride } = rows.movieDigits;
  const { release, thresholds, histogram, prefix } = rows;
  const levels = thresholds.length;
  let { firstTimestamp, lastTimestamp } = rows;
  const prefixLength = writeUint(prefix, 0, u + 1);
  prefix[prefixLength] = COMMA;
  const { movies, scores } = simulator;
  for (let i = 0; i < count; i++) {
    const m = movies[i]!;
    for (let b = 0; b <= prefixLength; b++) buffer[pos++] = prefix[b]!;
    const idStart = m * stride;
    const idEnd = idStart + idLength[m]!;
    for (let b = idStart; b < idEnd; b++) buffer[pos++] = idBytes[b]!;
    buffer[pos++] = COMMA;
    // Ten levels: a linear scan over nine thresholds beats a binary search's branches.
    const score = scores[i]!;
    let level = 0;
    while (level < levels && score > thresholds[level]!) level++;
    histogram[level]!++;
    buffer[pos++] = RATING_TEXT[level * 3]!;
    buffer[pos++] = RATING_TEXT[level * 3 + 1]!;
    buffer[pos++] = RATING_TEXT[level * 3 + 2]!;
    buffer[pos++] = COMMA;
    const timestamp = simulator.timestamp(release[m]!);
    if (timestamp < firstTimestamp) firstTimestamp = timestamp;
    if (timestamp > lastTimestamp) lastTimestamp = timestamp;
    pos = writeUint(buffer, pos, timestamp);
    buffer[pos++] = NEWLINE;
  }
  rows.firstTimestamp = firstTimestamp;
  rows.lastTimestamp = lastTimestamp;
  rows.count += count;
  return pos;
}

function summarize(rows: RowWriter, bytes: number): RatingsSummary {
  const { histogram, count } = rows;
  let sum = 0;
  for (let level = 0; level < histogram.length; level++) sum += histogram[level]! * (level + 1) * 0.5;
  return {
    rows: count,
    bytes,
    histogram: Array.from(histogram),
    mean: count > 0 ? sum / count : 0,
    firstTimestamp: count > 0 ? rows.firstTimestamp : 0,
    lastTimestamp: rows.lastTimestamp,
  };
}
