import type { OnProgress } from '../types';
import { ByteSink } from './byte-sink';
import type { SynthCatalog } from './catalog';
import { COMMA, digitTable, NEWLINE, writeUint } from './format';
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

    const movieDigits = digitTable(catalog.movieId);
    const { bytes: idBytes, length: idLength, stride } = movieDigits;
    const release = catalog.release;
    const levels = thresholds.length;
    const histogram = new Float64Array(levels + 1);
    const prefix = new Uint8Array(12);
    let firstTimestamp = Number.POSITIVE_INFINITY;
    let lastTimestamp = 0;
    let rows = 0;
    let nextReport = 0;

    for (let u = 0; u < users; u++) {
      const count = simulator.simulate(u);
      if (sink.needsFlush(count * MAX_ROW_BYTES)) {
        await sink.flush();
        if (signal?.aborted) throw signal.reason;
      }
      const prefixLength = writeUint(prefix, 0, u + 1);
      prefix[prefixLength] = COMMA;
      const buffer = sink.buffer;
      let pos = sink.pos;
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
      sink.pos = pos;
      rows += count;
      if (rows >= nextReport) {
        onProgress?.({ stage: 'ratings', done: rows, total, unit: 'rows' });
        nextReport = rows + Math.max(1, Math.floor(total / 200));
      }
    }
    await sink.close();
    onProgress?.({ stage: 'ratings', done: rows, total, unit: 'rows' });

    let sum = 0;
    for (let level = 0; level <= levels; level++) sum += histogram[level]! * (level + 1) * 0.5;
    return {
      rows,
      bytes: sink.bytesWritten,
      histogram: Array.from(histogram),
      mean: rows > 0 ? sum / rows : 0,
      firstTimestamp: rows > 0 ? firstTimestamp : 0,
      lastTimestamp,
    };
  } catch (error) {
    await sink.close().catch(() => {});
    throw error;
  }
}
